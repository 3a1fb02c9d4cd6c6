package io.ballast.health;

import io.ballast.core.config.CheckRule;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * {@code tcp-check expect [!] string|rstring|binary <pattern>}: searches what the server sent. A match (or, with
 * {@code !}, no match once the server closed) passes; otherwise it waits for more bytes until the server closes or
 * the check times out, as HAProxy does. Failures read {@code TCPCHK did not match content '+PONG'} or
 * {@code TCPCHK matched unwanted content (binary)}.
 */
final class TcpExpectation implements Expectation {

    private final CheckRule.Expect rule;

    TcpExpectation(CheckRule.Expect rule) {
        this.rule = rule;
    }

    @Override
    public Outcome evaluate(ByteBuf data, boolean closed) {
        if (matches(rule, data)) {
            return rule.negate() ? Outcome.fail(CheckStatus.L7RSP, 0, "TCPCHK matched unwanted content"
                    + patternText()) : Outcome.PASS;
        }
        if (!closed) {
            return null;
        }
        return rule.negate() ? Outcome.PASS
                : Outcome.fail(CheckStatus.L7RSP, 0, "TCPCHK did not match content" + patternText());
    }

    @Override
    public String describe() {
        return switch (rule.type()) {
            case STRING -> "expect string '" + rule.pattern() + "'";
            case BINARY -> "expect binary '" + rule.pattern().toLowerCase(java.util.Locale.ROOT) + "'";
            default -> "expect regex";
        };
    }

    private String patternText() {
        return switch (rule.type()) {
            case STRING -> " '" + rule.pattern() + "'";
            case BINARY -> " (binary)";
            default -> " (regex)";
        };
    }

    /** Whether {@code data} contains the bytes, or matches the regex, of a string/binary/rstring rule. */
    static boolean matches(CheckRule.Expect rule, ByteBuf data) {
        if (rule.regex() != null) {
            return rule.regex().matcher(data.toString(StandardCharsets.ISO_8859_1)).find();
        }
        return indexOf(data, rule.bytes()) >= 0;
    }

    /** The index of {@code needle} in the readable bytes of {@code haystack}, or -1. */
    static int indexOf(ByteBuf haystack, byte[] needle) {
        int start = haystack.readerIndex();
        int end = haystack.writerIndex() - needle.length;
        outer:
        for (int i = start; i <= end; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack.getByte(i + j) != needle[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }
}
