package io.ballast.health;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The answer of {@code option redis-check}: {@code +PONG} passes with {@code Redis server is ok}; anything else
 * fails with {@code Layer7 wrong status} and the first line received, escaped as HAProxy logs it.
 */
final class RedisExpectation implements Expectation {

    private static final byte[] PONG = "+PONG".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Outcome evaluate(ByteBuf data, boolean closed) {
        if (TcpExpectation.indexOf(data, PONG) >= 0) {
            return new Outcome(true, CheckStatus.L7OK, 0, "Redis server is ok");
        }
        if (!closed) {
            return null;
        }
        return Outcome.fail(CheckStatus.L7STS, 0, firstLine(data));
    }

    @Override
    public String describe() {
        return "expect string '+PONG'";
    }

    /** The first line of {@code data} without its line end, non-printable bytes and {@code <>} as {@code <XX>}. */
    static String firstLine(ByteBuf data) {
        StringBuilder sb = new StringBuilder();
        for (int i = data.readerIndex(); i < data.writerIndex(); i++) {
            int c = data.getByte(i) & 0xff;
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c < 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                sb.append('<').append(String.format("%02X", c)).append('>');
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
