package io.ballast.health;

import io.ballast.core.config.CheckRule;
import io.ballast.core.config.HealthCheckConfig;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a backend's {@link HealthCheckConfig} into the {@link Dialogue} its checks run, as HAProxy turns every
 * check method into {@code tcp-check} rules: a connect first unless the rules start with one, HTTP requests
 * written out, and an implicit 2xx/3xx expectation after a request no expect rule follows.
 */
final class Dialogues {

    private static final byte[] REDIS_PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

    private Dialogues() {
    }

    /** The dialogue of {@code config}, or {@code null} for a plain connect check. */
    static Dialogue of(HealthCheckConfig config) {
        return switch (config.type()) {
            case CONNECT -> null;
            case TCP -> new Dialogue(Dialogue.Kind.TCP_CHECK, steps(config.rules(), false));
            case HTTP -> new Dialogue(Dialogue.Kind.HTTP, steps(config.rules(), config.disableOn404()));
            case REDIS -> new Dialogue(Dialogue.Kind.PROTOCOL, List.of(new Step.Connect(0, 0, null),
                    new Step.Send(1, REDIS_PING), new Step.Expect(2, new RedisExpectation(), null)));
            case MYSQL -> MysqlCheck.dialogue(config.protocol());
            case PGSQL -> PgsqlCheck.dialogue(config.protocol().user());
            case SMTP -> SmtpCheck.dialogue(config.protocol().smtpCommand());
            case LDAP -> LdapCheck.dialogue();
            case SSL_HELLO -> SslHelloCheck.dialogue();
        };
    }

    private static List<Step> steps(List<CheckRule> rules, boolean disableOn404) {
        List<Step> steps = new ArrayList<>();
        CheckRule firstAction = rules.stream().filter(r -> !(r instanceof CheckRule.Comment)).findFirst().orElse(null);
        if (!(firstAction instanceof CheckRule.Connect)) {
            steps.add(new Step.Connect(0, 0, null));
        }
        boolean http = false;
        boolean expectSinceSend = true;
        int number = 0;
        for (CheckRule rule : rules) {
            number++;
            if (rule instanceof CheckRule.Connect c) {
                steps.add(new Step.Connect(number, c.port(), c.comment()));
            } else if (rule instanceof CheckRule.Send s) {
                steps.add(new Step.Send(number, s.data()));
            } else if (rule instanceof CheckRule.HttpSend h) {
                if (!expectSinceSend) {
                    steps.add(new Step.Expect(number - 1, new HttpExpectation(null, disableOn404), null));
                }
                steps.add(new Step.Send(number, request(h)));
                http = true;
                expectSinceSend = false;
            } else if (rule instanceof CheckRule.Expect e) {
                Expectation expectation = http ? new HttpExpectation(e, disableOn404) : new TcpExpectation(e);
                steps.add(new Step.Expect(number, expectation, e.comment()));
                expectSinceSend = true;
            }
        }
        if (!expectSinceSend) {
            steps.add(new Step.Expect(number, new HttpExpectation(null, disableOn404), null));
        }
        return steps;
    }

    /** The bytes of an HTTP check request: header names in lower case, as HAProxy writes them. */
    static byte[] request(CheckRule.HttpSend send) {
        StringBuilder sb = new StringBuilder();
        sb.append(send.method()).append(' ').append(send.uri()).append(' ').append(send.version()).append("\r\n");
        boolean connection = false;
        for (CheckRule.Header h : send.headers()) {
            String name = h.name().toLowerCase(Locale.ROOT);
            connection |= name.equals("connection");
            sb.append(name).append(": ").append(h.value()).append("\r\n");
        }
        byte[] body = send.body().getBytes(StandardCharsets.ISO_8859_1);
        if (!connection && !send.version().equals("HTTP/1.0")) {
            sb.append("connection: close\r\n");
        }
        if (body.length > 0) {
            sb.append("content-length: ").append(body.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }
}
