package io.ballast.health;

import io.ballast.core.config.HealthCheckConfig;
import io.netty.buffer.ByteBuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code option mysql-check [user <name> [post-41|pre-41]]}, as HAProxy 2.6 runs it. Without a user it only reads
 * the server's initial handshake packet. With one it sends, right after connecting, a login packet without a
 * password followed by {@code COM_QUIT}, then reads the handshake and the packet after it. An error packet
 * ({@code 0xff}) fails with {@code Layer7 wrong status}, its error number as the code and its text as the info; a
 * truncated answer fails with {@code Layer7 invalid response}; a pass shows the server version of the handshake.
 */
final class MysqlCheck {

    private static final byte[] QUIT = {1, 0, 0, 0, 1};

    private MysqlCheck() {
    }

    /** The dialogue of {@code option mysql-check} with {@code args}. */
    static Dialogue dialogue(HealthCheckConfig.ProtocolArgs args) {
        Step.Connect connect = new Step.Connect(1, 0, null);
        if (args.user() == null) {
            return new Dialogue(Dialogue.Kind.PROTOCOL, List.of(connect,
                    new Step.Expect(2, new Packet(false, true), null)));
        }
        return new Dialogue(Dialogue.Kind.PROTOCOL, List.of(connect,
                new Step.Send(2, login(args.user(), args.mysqlPre41())),
                new Step.Expect(3, new Packet(false, false), null),
                new Step.Expect(4, new Packet(true, true), null)));
    }

    /** A login packet (sequence 1) for {@code user} without password, then {@code COM_QUIT}. */
    static byte[] login(String user, boolean pre41) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (pre41) {
            body.writeBytes(new byte[] {0x00, (byte) 0x80});          // capabilities: secure connection
            body.writeBytes(new byte[] {0x00, 0x00, 0x01});           // max packet
        } else {
            body.writeBytes(new byte[] {0x00, (byte) 0x82, 0x00, 0x00}); // capabilities: protocol 4.1, secure
            body.writeBytes(new byte[] {0x00, (byte) 0x80, 0x00, 0x01}); // max packet
            body.write(0x21);                                          // character set utf8
            body.writeBytes(new byte[23]);
        }
        body.writeBytes(name);
        body.write(0);  // end of the user name
        body.write(0);  // empty auth response
        int length = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) length, (byte) (length >> 8), (byte) (length >> 16), 1});
        out.writeBytes(body.toByteArray());
        out.writeBytes(QUIT);
        return out.toByteArray();
    }

    /**
     * One MySQL packet: the handshake at the start of the answer, or the packet following it.
     *
     * @param afterHandshake whether the packet to judge is the one after the handshake
     * @param last           whether this is the check's last step, which reports the server version on success
     */
    record Packet(boolean afterHandshake, boolean last) implements Expectation {

        @Override
        public Outcome evaluate(ByteBuf data, boolean closed) {
            int offset = 0;
            if (afterHandshake) {
                offset = 4 + length(data, 0);
            }
            if (data.readableBytes() < offset + 4 || data.readableBytes() < offset + 4 + length(data, offset)) {
                return closed ? Outcome.fail(CheckStatus.L7RSP, 0, null) : null;
            }
            int at = data.readerIndex() + offset;
            if (data.getUnsignedByte(at + 4) == 0xff) {
                int code = data.getUnsignedByte(at + 5) | data.getUnsignedByte(at + 6) << 8;
                return Outcome.fail(CheckStatus.L7STS, code, WireText.cString(data, offset + 7));
            }
            return last ? new Outcome(true, CheckStatus.L7OK, 0, WireText.cString(data, 5)) : Outcome.PASS;
        }

        @Override
        public String describe() {
            return "expect custom";
        }

        private static int length(ByteBuf data, int offset) {
            if (data.readableBytes() < offset + 3) {
                return 0;
            }
            int at = data.readerIndex() + offset;
            return data.getUnsignedByte(at) | data.getUnsignedByte(at + 1) << 8 | data.getUnsignedByte(at + 2) << 16;
        }
    }
}
