package io.ballast.health;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code option smtpchk [EHLO|HELO <domain>]}, as HAProxy 2.6 runs it: the greeting must be a reply line
 * ({@code Layer7 invalid response} otherwise) with a 2xx code ({@code Layer7 wrong status} with the code and the
 * text otherwise); then the command ({@code HELO localhost} by default) must get a 2xx reply, whose code and
 * text the passing check reports.
 */
final class SmtpCheck {

    private SmtpCheck() {
    }

    /** The dialogue of {@code option smtpchk} sending {@code command}. */
    static Dialogue dialogue(String command) {
        return new Dialogue(Dialogue.Kind.PROTOCOL, List.of(new Step.Connect(1, 0, null),
                new Step.Expect(2, new Reply(Reply.Kind.ANY), null),
                new Step.Expect(3, new Reply(Reply.Kind.GREETING), null),
                new Step.Send(4, (command + "\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                new Step.Expect(5, new Reply(Reply.Kind.COMMAND), null)));
    }

    /**
     * One SMTP reply, judged on its first line once 4 bytes are there.
     *
     * @param kind what the reply must be
     */
    record Reply(Kind kind) implements Expectation {

        /** The three expect rules of HAProxy's SMTP check. */
        enum Kind {
            /** Any reply code followed by a space or CR. */
            ANY,
            /** A 2xx code followed by a space or CR. */
            GREETING,
            /** A 2xx code followed by a space, CR or dash (multi-line {@code EHLO} answers). */
            COMMAND
        }

        @Override
        public Outcome evaluate(ByteBuf data, boolean closed) {
            if (data.readableBytes() < 4 && !closed) {
                return null;
            }
            boolean shaped = data.readableBytes() >= 4 && digit(data, 0) && digit(data, 1) && digit(data, 2)
                    && separator(data.getByte(data.readerIndex() + 3));
            if (kind == Kind.ANY) {
                return shaped ? Outcome.PASS : Outcome.fail(CheckStatus.L7RSP, 0, WireText.line(data, 0));
            }
            int code = data.readableBytes() >= 3 && digit(data, 0) && digit(data, 1) && digit(data, 2)
                    ? Integer.parseInt(data.toString(data.readerIndex(), 3, StandardCharsets.US_ASCII)) : 0;
            if (shaped && code / 100 == 2) {
                return kind == Kind.COMMAND ? new Outcome(true, CheckStatus.L7OK, code, WireText.line(data, 4))
                        : Outcome.PASS;
            }
            return Outcome.fail(CheckStatus.L7STS, code, WireText.line(data, 4));
        }

        @Override
        public String describe() {
            return "expect rstring";
        }

        private boolean separator(byte b) {
            return b == ' ' || b == '\r' || (kind == Kind.COMMAND && b == '-');
        }

        private static boolean digit(ByteBuf data, int offset) {
            byte b = data.getByte(data.readerIndex() + offset);
            return b >= '0' && b <= '9';
        }
    }
}
