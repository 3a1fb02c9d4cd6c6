package io.ballast.health;

import io.netty.buffer.ByteBuf;

/** Text taken out of a server's binary answer the way HAProxy puts it in a check's info. */
final class WireText {

    private WireText() {
    }

    /** The bytes from {@code offset} (relative to the reader index) up to a NUL or the end, as ISO-8859-1. */
    static String cString(ByteBuf data, int offset) {
        StringBuilder sb = new StringBuilder();
        for (int i = data.readerIndex() + offset; i < data.writerIndex(); i++) {
            byte b = data.getByte(i);
            if (b == 0) {
                break;
            }
            sb.append((char) (b & 0xff));
        }
        return sb.toString();
    }

    /** The bytes from {@code offset} without leading spaces, up to a CR, LF, NUL or the end. */
    static String line(ByteBuf data, int offset) {
        String s = cString(data, offset).stripLeading();
        int end = 0;
        while (end < s.length() && s.charAt(end) != '\r' && s.charAt(end) != '\n') {
            end++;
        }
        return s.substring(0, end);
    }
}
