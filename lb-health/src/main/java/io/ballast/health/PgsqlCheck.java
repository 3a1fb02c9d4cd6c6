package io.ballast.health;

import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code option pgsql-check user <name>}, as HAProxy 2.6 runs it: a protocol 3.0 StartupMessage for the user,
 * then an ErrorResponse ({@code E}) fails with {@code Layer7 invalid response} and its severity as the info, an
 * authentication request or AuthenticationOk ({@code R}, any method HAProxy knows) passes with
 * {@code PostgreSQL server is ok}, and anything else fails with {@code Layer7 wrong status} and
 * {@code PostgreSQL unknown error}.
 */
final class PgsqlCheck {

    /** Authentication types an {@code R} message may carry (ok, clear text, md5, GSS, SSPI, SASL...). */
    private static final int[] AUTH_TYPES = {0, 2, 3, 4, 5, 6, 7, 9, 10};

    private PgsqlCheck() {
    }

    /** The dialogue of {@code option pgsql-check user <user>}. */
    static Dialogue dialogue(String user) {
        return new Dialogue(Dialogue.Kind.PROTOCOL, List.of(new Step.Connect(1, 0, null),
                new Step.Send(2, startup(user)), new Step.Expect(3, new NoError(), null),
                new Step.Expect(4, new Authentication(), null)));
    }

    /** A StartupMessage: length, version 3.0, {@code user} and its value, terminator. */
    static byte[] startup(String user) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        int length = 15 + name.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8), (byte) length});
        out.writeBytes(new byte[] {0, 3, 0, 0});
        out.writeBytes("user\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(name);
        out.write(0);
        out.write(0);
        return out.toByteArray();
    }

    /** The first answer is no ErrorResponse (HAProxy's {@code ! rstring ^E}, 5 bytes at least). */
    static final class NoError implements Expectation {

        @Override
        public Outcome evaluate(ByteBuf data, boolean closed) {
            if (data.readableBytes() < 5 && !closed) {
                return null;
            }
            if (data.isReadable() && data.getByte(data.readerIndex()) == 'E') {
                return Outcome.fail(CheckStatus.L7RSP, 0, WireText.cString(data, 6));
            }
            return Outcome.PASS;
        }

        @Override
        public String describe() {
            return "expect ! rstring '^E'";
        }
    }

    /** An authentication message: {@code R}, length 8 to 255, a known authentication type (9 bytes at least). */
    static final class Authentication implements Expectation {

        @Override
        public Outcome evaluate(ByteBuf data, boolean closed) {
            if (data.readableBytes() < 9 && !closed) {
                return null;
            }
            if (isAuthentication(data)) {
                return new Outcome(true, CheckStatus.L7OK, 0, "PostgreSQL server is ok");
            }
            return Outcome.fail(CheckStatus.L7STS, 0, "PostgreSQL unknown error");
        }

        @Override
        public String describe() {
            return "expect rbinary";
        }

        private static boolean isAuthentication(ByteBuf data) {
            if (data.readableBytes() < 9) {
                return false;
            }
            int at = data.readerIndex();
            if (data.getByte(at) != 'R' || data.getMedium(at + 1) != 0 || data.getMedium(at + 5) != 0) {
                return false;
            }
            int type = data.getUnsignedByte(at + 8);
            for (int known : AUTH_TYPES) {
                if (type == known) {
                    return true;
                }
            }
            return false;
        }
    }
}
