package io.ballast.health;

import io.ballast.core.config.CheckRule;
import io.netty.buffer.ByteBuf;

/**
 * {@code http-check expect [!] status|rstatus|string|rstring <pattern>}, or the implicit expectation of a
 * 2xx or 3xx status when no expect rule follows the request. With {@code disable-on-404} a 404 answer is a
 * conditional success (NOLB) whatever the rule says. Outcomes are worded as HAProxy's: {@code Layer7 wrong status}
 * with the reason phrase as info, {@code HTTP content check did not match}, {@code HTTP check matched unwanted
 * content}.
 */
final class HttpExpectation implements Expectation {

    private final CheckRule.Expect rule;
    private final boolean disableOn404;

    /**
     * @param rule         the expect rule, or {@code null} for the implicit 2xx/3xx one
     * @param disableOn404 whether a 404 puts the server in NOLB
     */
    HttpExpectation(CheckRule.Expect rule, boolean disableOn404) {
        this.rule = rule;
        this.disableOn404 = disableOn404;
    }

    @Override
    public Outcome evaluate(ByteBuf data, boolean closed) {
        boolean body = rule != null && (rule.type() == CheckRule.ExpectType.STRING
                || rule.type() == CheckRule.ExpectType.RSTRING);
        HttpResponse response = HttpResponse.parse(data, closed, body);
        if (response == null) {
            return null;
        }
        if (response == HttpResponse.MALFORMED) {
            return Outcome.fail(CheckStatus.L7RSP, 0, "Malformed HTTP response");
        }
        int code = response.status();
        if (disableOn404 && code == 404) {
            return new Outcome(true, CheckStatus.L7OKC, code, null);
        }
        boolean match;
        if (rule == null) {
            match = code >= 200 && code < 400;
        } else {
            match = switch (rule.type()) {
                case STATUS -> rule.statuses().stream().anyMatch(r -> r.contains(code));
                case RSTATUS -> rule.regex().matcher(Integer.toString(code)).find();
                case STRING -> response.body().contains(rule.pattern());
                case RSTRING -> rule.regex().matcher(response.body()).find();
                case BINARY -> throw new IllegalStateException("binary is not an HTTP expectation");
            };
            match ^= rule.negate();
        }
        if (match) {
            return new Outcome(true, CheckStatus.L7OK, code, null);
        }
        if (body) {
            return Outcome.fail(CheckStatus.L7RSP, 0, rule.negate() ? "HTTP check matched unwanted content"
                    : "HTTP content check did not match");
        }
        return Outcome.fail(CheckStatus.L7STS, code, response.reason());
    }

    @Override
    public String describe() {
        return "expect HTTP status codes";
    }
}
