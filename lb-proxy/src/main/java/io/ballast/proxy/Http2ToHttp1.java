package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;

import java.util.Map;

/**
 * Writes one HTTP/2 message, a client's request or a server's response, as the HTTP/1.1 bytes the engine parses: the
 * pseudo-headers become the start line (and Host), cookie crumbs are joined again (RFC 9113 §8.2.3), and a body of
 * unknown length is sent chunked with its trailers. What HTTP/1.1 cannot carry safely is refused as a malformed
 * stream rather than written: a CR, LF or NUL in a value would split the head into headers the peer never sent
 * (request smuggling, or response splitting, by downgrade).
 */
final class Http2ToHttp1 {

    private static final AsciiString HOST = AsciiString.cached("host");
    private static final AsciiString COOKIE = AsciiString.cached("cookie");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    private static final AsciiString CONNECT = AsciiString.cached("CONNECT");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n'};

    private boolean chunked;
    /** Whether the last head written had a Content-Length. */
    private boolean lengthGiven;

    /**
     * The request head, from the stream's first HEADERS frame.
     *
     * @param endStream whether that frame ended the stream (no body follows)
     * @throws Http2Exception a stream error (PROTOCOL_ERROR) for a request HTTP/1.1 cannot express
     */
    ByteBuf requestHead(ByteBufAllocator alloc, int streamId, Http2Headers headers, boolean endStream)
            throws Http2Exception {
        CharSequence method = headers.method();
        CharSequence authority = headers.authority();
        CharSequence target = CONNECT.contentEquals(method) ? authority : headers.path();
        if (method == null || target == null || target.length() == 0) {
            throw malformed(streamId, "missing :method or :path");
        }
        checkToken(streamId, method);
        checkTarget(streamId, target);
        if (target != authority && target.charAt(0) != '/' && !(target.length() == 1 && target.charAt(0) == '*')) {
            // RFC 9113 §8.3.1: origin form, or * (OPTIONS); an absolute URI here would say another host than Host
            throw malformed(streamId, "a :path not in origin form");
        }
        ByteBuf out = alloc.buffer(256);
        out.writeCharSequence(method, CharsetUtil.US_ASCII);
        out.writeByte(' ');
        out.writeCharSequence(target, CharsetUtil.US_ASCII);
        out.writeBytes(" HTTP/1.1\r\n".getBytes(CharsetUtil.US_ASCII));
        try {
            if (authority != null) {
                checkTarget(streamId, authority);
                writeHeader(out, HOST, authority);
            }
            return fields(out, streamId, headers, authority != null, !endStream);
        } catch (Http2Exception e) {
            out.release();
            throw e;
        }
    }

    /**
     * The response head, from a HEADERS frame of a server's stream: an interim one (1xx) or the final one.
     *
     * @param endStream   whether that frame ended the stream (no body follows)
     * @param headRequest whether the request was HEAD: its response has no body, whatever its headers say
     * @throws Http2Exception a stream error (PROTOCOL_ERROR) for a response HTTP/1.1 cannot express
     */
    ByteBuf responseHead(ByteBufAllocator alloc, int streamId, Http2Headers headers, boolean endStream,
                         boolean headRequest) throws Http2Exception {
        CharSequence status = headers.status();
        if (status == null || status.length() != 3 || !Character.isDigit(status.charAt(0))
                || !Character.isDigit(status.charAt(1)) || !Character.isDigit(status.charAt(2))) {
            throw malformed(streamId, "missing or invalid :status");
        }
        int code = Integer.parseInt(status.toString());
        boolean bodyless = headRequest || code < 200 || code == 204 || code == 304;
        ByteBuf out = alloc.buffer(256);
        out.writeBytes("HTTP/1.1 ".getBytes(CharsetUtil.US_ASCII));
        out.writeCharSequence(status, CharsetUtil.US_ASCII);
        out.writeBytes(" \r\n".getBytes(CharsetUtil.US_ASCII)); // HTTP/2 has no reason phrase
        try {
            fields(out, streamId, headers, false, !endStream && !bodyless);
            if (endStream && !bodyless && !lengthGiven) {
                // Else the engine would read the body as lasting until the connection closes.
                out.writerIndex(out.writerIndex() - CRLF.length);
                writeHeader(out, CONTENT_LENGTH, "0");
                out.writeBytes(CRLF);
            }
            return out;
        } catch (Http2Exception e) {
            out.release();
            throw e;
        }
    }

    /**
     * Writes the regular header fields and the end of the head after the start line already in {@code out}.
     *
     * @param skipHost     whether Host fields are left out (the start line's authority replaces them)
     * @param bodyFollows  whether DATA may follow: without a length, the body is then sent chunked
     */
    private ByteBuf fields(ByteBuf out, int streamId, Http2Headers headers, boolean skipHost, boolean bodyFollows)
            throws Http2Exception {
        boolean hasLength = false;
        StringBuilder cookies = null;
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            CharSequence name = header.getKey();
            if (name.length() > 0 && name.charAt(0) == ':') {
                continue;
            }
            CharSequence value = header.getValue();
            checkToken(streamId, name);
            checkValue(streamId, value);
            if (skipHost && HOST.contentEqualsIgnoreCase(name)) {
                continue; // :authority wins, as in HAProxy
            }
            if (COOKIE.contentEqualsIgnoreCase(name)) {
                cookies = cookies == null ? new StringBuilder(value) : cookies.append("; ").append(value);
                continue;
            }
            hasLength |= CONTENT_LENGTH.contentEqualsIgnoreCase(name);
            writeHeader(out, name, value);
        }
        if (cookies != null) {
            writeHeader(out, COOKIE, cookies);
        }
        lengthGiven = hasLength;
        chunked = bodyFollows && !hasLength;
        if (chunked) {
            out.writeBytes("transfer-encoding: chunked\r\n".getBytes(CharsetUtil.US_ASCII));
        }
        out.writeBytes(CRLF);
        return out;
    }

    /** The bytes that carry one DATA frame's payload (taking ownership of it), framed as the head announced. */
    ByteBuf data(ByteBufAllocator alloc, ByteBuf payload, boolean endStream) {
        if (!chunked) {
            return payload;
        }
        int size = payload.readableBytes();
        ByteBuf framed = alloc.buffer(size + 32);
        if (size > 0) {
            framed.writeCharSequence(Integer.toHexString(size), CharsetUtil.US_ASCII);
            framed.writeBytes(CRLF).writeBytes(payload).writeBytes(CRLF);
        }
        payload.release();
        if (endStream) {
            framed.writeBytes(LAST_CHUNK).writeBytes(CRLF);
        }
        return framed;
    }

    /**
     * The bytes that end the body with the request's trailers (a HEADERS frame after DATA). Without chunked
     * framing (the client announced a length) trailers cannot be carried and are dropped, as HAProxy does.
     */
    ByteBuf trailers(ByteBufAllocator alloc, int streamId, Http2Headers trailers) throws Http2Exception {
        ByteBuf out = alloc.buffer(64);
        if (!chunked) {
            return out;
        }
        out.writeBytes(LAST_CHUNK);
        for (Map.Entry<CharSequence, CharSequence> header : trailers) {
            if (header.getKey().length() > 0 && header.getKey().charAt(0) == ':') {
                out.release();
                throw malformed(streamId, "pseudo-header in trailers");
            }
            try {
                checkToken(streamId, header.getKey());
                checkValue(streamId, header.getValue());
            } catch (Http2Exception e) {
                out.release();
                throw e;
            }
            writeHeader(out, header.getKey(), header.getValue());
        }
        return out.writeBytes(CRLF);
    }

    private static void writeHeader(ByteBuf out, CharSequence name, CharSequence value) {
        out.writeCharSequence(name, CharsetUtil.US_ASCII);
        out.writeByte(':').writeByte(' ');
        out.writeCharSequence(value, CharsetUtil.ISO_8859_1); // the bytes as received
        out.writeBytes(CRLF);
    }

    /**
     * A method or a header name: a token (RFC 9110 §5.6.2). Netty checks names for upper case only, and a CR, LF or
     * colon in a name would write header lines of the peer's choosing.
     */
    private static void checkToken(int streamId, CharSequence token) throws Http2Exception {
        for (int i = 0; i < token.length(); i++) {
            if (!HttpHeadParser.isTokenChar(token.charAt(i))) {
                throw malformed(streamId, "invalid character in a method or header name");
            }
        }
    }

    /** A request target or authority: no space, control or non-ASCII byte, which would break the request line. */
    private static void checkTarget(int streamId, CharSequence target) throws Http2Exception {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw malformed(streamId, "invalid character in :path or :authority");
            }
        }
    }

    /** RFC 9113 §8.2.1: NUL, CR and LF are never valid in a field value. */
    private static void checkValue(int streamId, CharSequence value) throws Http2Exception {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c == '\r' || c == '\n') {
                throw malformed(streamId, "invalid character in a header value");
            }
        }
    }

    private static Http2Exception malformed(int streamId, String why) {
        return Http2Exception.streamError(streamId, Http2Error.PROTOCOL_ERROR, "malformed request: %s", why);
    }
}
