package io.ballast.health;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * {@code option ldap-check}, as HAProxy 2.6 runs it: an anonymous LDAPv3 simple bind (message 1), then the
 * answer must be a BER sequence of 14 bytes at least holding a bindResponse to message 1; its result code 0 passes
 * with {@code Success}, another fails with {@code Layer7 wrong status} and the code; anything else is
 * {@code Layer7 invalid response}, {@code Not LDAPv3 protocol}.
 */
final class LdapCheck {

    /** LDAPMessage { messageID 1, bindRequest { version 3, name "", simple "" } }. */
    private static final byte[] BIND = {0x30, 0x0c, 0x02, 0x01, 0x01, 0x60, 0x07, 0x02, 0x01, 0x03, 0x04, 0x00,
            (byte) 0x80, 0x00};
    private static final String NOT_LDAP = "Not LDAPv3 protocol";

    private LdapCheck() {
    }

    /** The dialogue of {@code option ldap-check}. */
    static Dialogue dialogue() {
        return new Dialogue(Dialogue.Kind.PROTOCOL, List.of(new Step.Connect(0, 0, null), new Step.Send(1, BIND),
                new Step.Expect(2, new BindResponse(), null)));
    }

    /** The bindResponse of the anonymous bind. */
    static final class BindResponse implements Expectation {

        @Override
        public Outcome evaluate(ByteBuf data, boolean closed) {
            if (data.readableBytes() < 14 && !closed) {
                return null;
            }
            if (data.readableBytes() < 14 || data.getByte(data.readerIndex()) != 0x30) {
                return Outcome.fail(CheckStatus.L7RSP, 0, NOT_LDAP);
            }
            int at = data.readerIndex();
            int skip = lengthOfLength(data.getUnsignedByte(at + 1));
            if (skip > 2 || !at(data, at + 2 + skip, 0x02, 0x01, 0x01, 0x61)) {
                return Outcome.fail(CheckStatus.L7RSP, 0, NOT_LDAP);
            }
            skip += lengthOfLength(data.getUnsignedByte(at + skip + 6));
            if (skip > 4 || !at(data, at + 7 + skip, 0x0a, 0x01)) {
                return Outcome.fail(CheckStatus.L7RSP, 0, NOT_LDAP);
            }
            int code = data.getUnsignedByte(at + skip + 9);
            if (code != 0) {
                return Outcome.fail(CheckStatus.L7STS, code, "See RFC: http://tools.ietf.org/html/rfc4511#section-4.1.9");
            }
            return new Outcome(true, CheckStatus.L7OK, 0, "Success");
        }

        @Override
        public String describe() {
            return "expect custom";
        }

        /** The number of extra length bytes of a BER long-form length, 0 for the short form. */
        private static int lengthOfLength(int first) {
            return (first & 0x80) != 0 ? first & 0x7f : 0;
        }

        private static boolean at(ByteBuf data, int index, int... bytes) {
            if (index + bytes.length > data.writerIndex()) {
                return false;
            }
            for (int i = 0; i < bytes.length; i++) {
                if (data.getUnsignedByte(index + i) != bytes[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
