package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.util.AsciiString;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the HTTP/1.1 message the engine writes for one HTTP/2 stream, a response to a client or a request to a
 * server, and turns it into frames: the head into HEADERS (the start line as pseudo-headers, names in lower case,
 * connection-specific headers dropped), the payload of the body, whatever its HTTP/1.1 framing, into DATA, and
 * chunked trailers into a closing HEADERS. Interim responses (1xx) become HEADERS frames of their own. The stream
 * ends with the body.
 */
final class Http1ToHttp2 implements BodyFramer.Payload {

    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
    private static final AsciiString HOST = AsciiString.cached("host");
    private static final AsciiString TE = AsciiString.cached("te");
    private static final AsciiString HEAD_METHOD = AsciiString.cached("HEAD");

    /** The scheme of requests, or {@code null} when the message is a response. */
    private final AsciiString scheme;
    private final boolean headRequest;
    /** Whether the request read (in request mode) is a HEAD. */
    private boolean readHeadRequest;
    /** Head bytes received while the head is incomplete. */
    private ByteBuf pendingHead;
    private BodyFramer body;
    private boolean ended;
    private List<Http2StreamFrame> frames;
    private ByteBuf trailerBytes;

    private Http1ToHttp2(AsciiString scheme, boolean headRequest) {
        this.scheme = scheme;
        this.headRequest = headRequest;
    }

    /** For a response to a client; {@code headRequest}: whether the request was HEAD, so that no body follows. */
    static Http1ToHttp2 response(boolean headRequest) {
        return new Http1ToHttp2(null, headRequest);
    }

    /** For a request to a server reached with {@code scheme} ({@code http} or {@code https}). */
    static Http1ToHttp2 request(String scheme) {
        return new Http1ToHttp2(AsciiString.of(scheme), false);
    }

    /** Whether the request read so far, in request mode, is a HEAD: then its response has no body. */
    boolean isHeadRequest() {
        return readHeadRequest;
    }

    /** Whether the stream was ended: the message is complete. */
    boolean isEnded() {
        return ended;
    }

    /** Whether the response's body lasts until the connection closes: then closing the stream ends it. */
    boolean endsAtClose() {
        return body != null && body.isUntilClose() && !ended;
    }

    /**
     * The frames that carry {@code bytes} (taking ownership of them), in order; bytes after the end of the response
     * are dropped.
     *
     * @throws HttpParseException the engine wrote something that is not an HTTP/1.1 response
     */
    List<Http2StreamFrame> translate(ByteBuf bytes) throws HttpParseException {
        frames = new ArrayList<>(2);
        ByteBuf input = bytes;
        if (pendingHead != null) {
            input = pendingHead.writeBytes(bytes);
            pendingHead = null;
            bytes.release();
        }
        try {
            while (input.isReadable() && !ended) {
                if (body == null) {
                    int end = HttpHeadParser.findEnd(input);
                    if (end < 0) {
                        pendingHead = input.alloc().buffer(input.readableBytes() + 256).writeBytes(input);
                        break;
                    }
                    readHead(input.readRetainedSlice(end - input.readerIndex()));
                } else {
                    input.skipBytes(body.frame(input, this));
                    if (body.isDone()) {
                        end();
                    }
                }
            }
            return frames;
        } catch (HttpParseException | RuntimeException e) {
            frames.forEach(io.netty.util.ReferenceCountUtil::release);
            throw e;
        } finally {
            input.release();
        }
    }

    /** The frame that ends a body that lasted until the close of the (HTTP/1.1) connection. */
    Http2StreamFrame endAtClose() {
        ended = true;
        return new DefaultHttp2DataFrame(true);
    }

    /** Turns a whole head (taking ownership of its bytes) into a HEADERS frame. */
    private void readHead(ByteBuf headBytes) throws HttpParseException {
        if (scheme != null) {
            readRequestHead(headBytes);
            return;
        }
        HttpHead head = parse(headBytes, false);
        try {
            Http2Headers headers = new DefaultHttp2Headers(false, head.headerCount() + 1)
                    .status(AsciiString.of(Integer.toString(head.status())));
            copyHeaders(head, headers, false);
            if (head.status() < 200) {
                frames.add(new DefaultHttp2HeadersFrame(headers, false));
            } else {
                body = BodyFramer.forResponse(head, headRequest);
                ended = body.isDone();
                frames.add(new DefaultHttp2HeadersFrame(headers, ended));
            }
        } finally {
            head.release();
        }
    }

    /** {@code headBytes} parsed (the head then owns them), or released if they are no head. */
    private static HttpHead parse(ByteBuf headBytes, boolean request) throws HttpParseException {
        try {
            HttpHeadParser parser = HttpHeadParser.forThisThread();
            return request ? parser.parseRequest(headBytes) : parser.parseResponse(headBytes);
        } catch (HttpParseException | RuntimeException e) {
            headBytes.release();
            throw e;
        }
    }

    /** The request line and Host become {@code :method}, {@code :scheme}, {@code :authority} and {@code :path}. */
    private void readRequestHead(ByteBuf headBytes) throws HttpParseException {
        HttpHead head = parse(headBytes, true);
        try {
            Http2Headers headers = new DefaultHttp2Headers(false, head.headerCount() + 3)
                    .method(AsciiString.of(head.method())).scheme(scheme).path(AsciiString.of(head.uri()));
            String host = head.header(HOST);
            if (host != null) {
                headers.authority(AsciiString.of(host));
            }
            copyHeaders(head, headers, true);
            readHeadRequest = head.isMethod(HEAD_METHOD);
            body = BodyFramer.forRequest(head);
            ended = body.isDone();
            frames.add(new DefaultHttp2HeadersFrame(headers, ended));
        } finally {
            head.release();
        }
    }

    /** Copies the regular fields, but for connection-specific ones (and Host in a request: it is the authority). */
    private static void copyHeaders(HttpHead head, Http2Headers headers, boolean request) {
        ByteBuf b = head.bytes();
        for (int i = 0; i < head.headerCount(); i++) {
            int kind = head.kind(i);
            if (kind == HttpHead.KIND_HOP_BY_HOP || kind == HttpHead.KIND_UPGRADE
                    || head.nameIs(i, TRANSFER_ENCODING) || (request && head.nameIs(i, HOST))
                    || (head.nameIs(i, TE) && !"trailers".equalsIgnoreCase(head.string(head.valueStart(i),
                            head.valueEnd(i))))) {
                continue; // connection-specific: forbidden in HTTP/2 (RFC 9113 §8.2.2)
            }
            headers.add(lowerCase(b, head.nameStart(i), head.nameEnd(i)),
                    new AsciiString(ByteBufUtil.getBytes(b, head.valueStart(i), head.valueEnd(i) - head.valueStart(i)), false));
        }
    }

    private static AsciiString lowerCase(ByteBuf b, int start, int end) {
        byte[] name = ByteBufUtil.getBytes(b, start, end - start);
        for (int i = 0; i < name.length; i++) {
            if (name[i] >= 'A' && name[i] <= 'Z') {
                name[i] += 'a' - 'A';
            }
        }
        return new AsciiString(name, false);
    }

    @Override
    public void data(ByteBuf in, int index, int length) {
        frames.add(new DefaultHttp2DataFrame(in.retainedSlice(index, length), false));
    }

    @Override
    public void trailerByte(byte b) {
        if (trailerBytes == null) {
            trailerBytes = io.netty.buffer.Unpooled.buffer(64);
        }
        trailerBytes.writeByte(b);
    }

    /** The body is complete: the last frame ends the stream, carrying the trailers if there are any. */
    private void end() throws HttpParseException {
        ended = true;
        if (trailerBytes != null && trailerBytes.readableBytes() > 2) {
            ByteBuf trailer = trailerBytes;
            trailerBytes = null;
            frames.add(new DefaultHttp2HeadersFrame(trailers(trailer), true));
            return;
        }
        releaseTrailers();
        if (!frames.isEmpty() && frames.get(frames.size() - 1) instanceof DefaultHttp2DataFrame last
                && !last.isEndStream()) {
            frames.set(frames.size() - 1, new DefaultHttp2DataFrame(last.content(), true));
        } else {
            frames.add(new DefaultHttp2DataFrame(true));
        }
    }

    /** Trailer lines ({@code name: value CRLF}..., then an empty line) as HTTP/2 headers. */
    private Http2Headers trailers(ByteBuf lines) throws HttpParseException {
        try {
            // Parsed as the header section of a response head, which is what a trailer section is.
            ByteBuf head = lines.alloc().buffer(lines.readableBytes() + 17);
            head.writeBytes("HTTP/1.1 200 OK\r\n".getBytes(io.netty.util.CharsetUtil.US_ASCII)).writeBytes(lines);
            HttpHead parsed = parse(head, false);
            try {
                Http2Headers headers = new DefaultHttp2Headers(false, parsed.headerCount());
                copyHeaders(parsed, headers, false);
                return headers;
            } finally {
                parsed.release();
            }
        } finally {
            lines.release();
        }
    }

    /** Gives back what an unfinished response holds. */
    void release() {
        if (pendingHead != null) {
            pendingHead.release();
            pendingHead = null;
        }
        releaseTrailers();
    }

    private void releaseTrailers() {
        if (trailerBytes != null) {
            trailerBytes.release();
            trailerBytes = null;
        }
    }
}
