package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;

/**
 * A parsed HTTP/1.x request or response head, indexed in place: the bytes stay in {@link #bytes()} and
 * the head records offsets into them, so no object is made per header and strings only on demand.
 * It owns one reference of {@code bytes}; {@link #release()} gives it back.
 */
final class HttpHead {

    static final int HTTP_1_0 = 10;
    static final int HTTP_1_1 = 11;

    private final ByteBuf bytes;
    private final int[] headers;
    private final int headerCount;
    private final int startLineEnd;
    private final int version;
    /** Request: end of the method; response: the status code. */
    private final int methodEndOrStatus;
    private final int uriStart;
    private final int uriEnd;
    private final long contentLength;
    private final boolean chunked;
    private final int connectionFlags;
    private final boolean conflictingFraming;

    /** Ints per header in the offsets array: name start, name end, value start, value end, kind. */
    static final int SLOTS = 5;
    /** Header kinds the parser recognises once, so that writers need no name comparison. */
    static final int KIND_OTHER = 0;
    static final int KIND_CONTENT_LENGTH = 1;
    /** Connection, Keep-Alive, Proxy-Connection: they describe one hop and are rewritten at each. */
    static final int KIND_HOP_BY_HOP = 2;
    static final int KIND_UPGRADE = 3;

    static final int CONN_CLOSE = 1;
    static final int CONN_KEEP_ALIVE = 2;
    static final int CONN_UPGRADE = 4;

    HttpHead(ByteBuf bytes, int startLineEnd, int[] headers, int headerCount, int version, int methodEndOrStatus,
             int uriStart, int uriEnd, long contentLength, boolean chunked, int connectionFlags,
             boolean conflictingFraming) {
        this.bytes = bytes;
        this.headers = headers;
        this.headerCount = headerCount;
        this.startLineEnd = startLineEnd;
        this.version = version;
        this.methodEndOrStatus = methodEndOrStatus;
        this.uriStart = uriStart;
        this.uriEnd = uriEnd;
        this.contentLength = contentLength;
        this.chunked = chunked;
        this.connectionFlags = connectionFlags;
        this.conflictingFraming = conflictingFraming;
    }

    ByteBuf bytes() {
        return bytes;
    }

    void release() {
        bytes.release();
    }

    int version() {
        return version;
    }

    int status() {
        return methodEndOrStatus;
    }

    String method() {
        return bytes.toString(0, methodEndOrStatus, java.nio.charset.StandardCharsets.US_ASCII);
    }

    boolean isMethod(AsciiString method) {
        if (methodEndOrStatus != method.length()) {
            return false;
        }
        for (int i = 0; i < methodEndOrStatus; i++) {
            if (bytes.getByte(i) != method.byteAt(i)) {
                return false;
            }
        }
        return true;
    }

    String uri() {
        return bytes.toString(uriStart, uriEnd - uriStart, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Content-Length, or -1 when absent (or dropped because the message is chunked). */
    long contentLength() {
        return contentLength;
    }

    boolean isChunked() {
        return chunked;
    }

    boolean hasConnection(int flag) {
        return (connectionFlags & flag) != 0;
    }

    /** Whether it had both Content-Length and Transfer-Encoding: the connection must close after (RFC 9112 §6.1). */
    boolean hadConflictingFraming() {
        return conflictingFraming;
    }

    /** Whether the sender wants the connection kept open after this message (RFC 9112 §9.3). */
    boolean wantsKeepAlive() {
        if (hasConnection(CONN_CLOSE)) {
            return false;
        }
        return version >= HTTP_1_1 || hasConnection(CONN_KEEP_ALIVE);
    }

    int headerCount() {
        return headerCount;
    }

    int nameStart(int i) {
        return headers[i * SLOTS];
    }

    int nameEnd(int i) {
        return headers[i * SLOTS + 1];
    }

    int valueStart(int i) {
        return headers[i * SLOTS + 2];
    }

    int valueEnd(int i) {
        return headers[i * SLOTS + 3];
    }

    int kind(int i) {
        return headers[i * SLOTS + 4];
    }

    /** Whether a header of this kind is present. */
    boolean has(int kind) {
        for (int i = 0; i < headerCount; i++) {
            if (kind(i) == kind) {
                return true;
            }
        }
        return false;
    }

    /** End of the start line, before its line terminator. */
    int startLineEnd() {
        return startLineEnd;
    }

    /** Whether header {@code i} is called {@code name}, ignoring ASCII case on both sides. */
    boolean nameIs(int i, CharSequence name) {
        int start = nameStart(i);
        int len = nameEnd(i) - start;
        if (len != name.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (Ascii.lower(bytes.getByte(start + k)) != Ascii.lower(name.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** The last value of the header called {@code name} (any case), or {@code null}. */
    String header(CharSequence name) {
        for (int i = headerCount - 1; i >= 0; i--) {
            if (nameIs(i, name)) {
                return string(valueStart(i), valueEnd(i));
            }
        }
        return null;
    }

    /** The bytes from {@code start} to {@code end} as a string, one char per byte. */
    String string(int start, int end) {
        return bytes.toString(start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
