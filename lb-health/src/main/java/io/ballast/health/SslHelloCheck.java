package io.ballast.health;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code option ssl-hello-chk}, as HAProxy 2.6 runs it: an SSLv3 ClientHello offering 39 common cipher suites,
 * then the first record of the answer must be a handshake or an alert ({@code Layer6 check passed}); anything
 * else is {@code Layer6 invalid response}, no answer {@code Layer6 timeout}.
 */
final class SslHelloCheck {

    private static final int[] CIPHERS = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c,
            0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x2f, 0x30,
            0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a};
    private static final byte[] RANDOM = "HAPROXYSSLCHK\nHAPROXYSSLCHK\n".getBytes(StandardCharsets.US_ASCII);

    private SslHelloCheck() {
    }

    /** The dialogue of {@code option ssl-hello-chk}. */
    static Dialogue dialogue() {
        return new Dialogue(Dialogue.Kind.PROTOCOL, List.of(new Step.Connect(0, 0, null),
                new Step.Send(1, clientHello(System.currentTimeMillis() / 1000)),
                new Step.Expect(2, new Record(), null)));
    }

    /** The ClientHello record, {@code gmtSeconds} as its time. */
    static byte[] clientHello(long gmtSeconds) {
        int helloLength = 2 + 4 + RANDOM.length + 1 + 2 + 2 * CIPHERS.length + 2;
        byte[] out = new byte[5 + 4 + helloLength];
        int i = 0;
        out[i++] = 0x16;                       // handshake record
        out[i++] = 3;                          // SSLv3
        out[i++] = 0;
        out[i++] = (byte) ((4 + helloLength) >> 8);
        out[i++] = (byte) (4 + helloLength);
        out[i++] = 1;                          // ClientHello
        out[i++] = 0;
        out[i++] = (byte) (helloLength >> 8);
        out[i++] = (byte) helloLength;
        out[i++] = 3;                          // client version SSLv3
        out[i++] = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            out[i++] = (byte) (gmtSeconds >> shift);
        }
        System.arraycopy(RANDOM, 0, out, i, RANDOM.length);
        i += RANDOM.length;
        out[i++] = 0;                          // no session id
        out[i++] = 0;
        out[i++] = (byte) (2 * CIPHERS.length);
        for (int cipher : CIPHERS) {
            out[i++] = 0;
            out[i++] = (byte) cipher;
        }
        out[i++] = 1;                          // one compression method: null
        out[i] = 0;
        return out;
    }

    /** A handshake (0x16) or alert (0x15) record, judged once 5 bytes are there. */
    static final class Record implements Expectation {

        @Override
        public Outcome evaluate(ByteBuf data, boolean closed) {
            if (data.readableBytes() < 5 && !closed) {
                return null;
            }
            int type = data.isReadable() ? data.getUnsignedByte(data.readerIndex()) : -1;
            return type == 0x15 || type == 0x16 ? new Outcome(true, CheckStatus.L6OK, 0, null)
                    : Outcome.fail(CheckStatus.L6RSP, 0, null);
        }

        @Override
        public String describe() {
            return "expect rbinary";
        }

        @Override
        public CheckStatus timeoutStatus() {
            return CheckStatus.L6TOUT;
        }
    }
}
