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
 * Reads the HTTP/1.1 response the engine writes for one HTTP/2 stream and turns it into frames: the head into
 * HEADERS (status as {@code :status}, names in lower case, connection-specific headers dropped), the payload of
 * the body, whatever its HTTP/1.1 framing, into DATA, and chunked trailers into a closing HEADERS. Interim
 * responses (1xx) become HEADERS frames of their own. The stream ends with the body.
 */
final class Http2ResponseTranslator implements BodyFramer.Payload {

    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");

    private final boolean headRequest;
    /** Head bytes received while the head is incomplete. */
    private ByteBuf pendingHead;
    private BodyFramer body;
    private boolean ended;
    private List<Http2StreamFrame> frames;
    private ByteBuf trailerBytes;

    /** @param headRequest whether the request was HEAD, whose response has no body whatever its head says */
    Http2ResponseTranslator(boolean headRequest) {
        this.headRequest = headRequest;
    }

    /** Whether the stream was ended: the response is complete. */
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

    /** Turns a whole response head (taking ownership of its bytes) into a HEADERS frame. */
    private void readHead(ByteBuf headBytes) throws HttpParseException {
        HttpHead head = HttpHeadParser.forThisThread().parseResponse(headBytes);
        try {
            Http2Headers headers = new DefaultHttp2Headers(false, head.headerCount() + 1)
                    .status(AsciiString.of(Integer.toString(head.status())));
            copyHeaders(head, headers);
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

    private static void copyHeaders(HttpHead head, Http2Headers headers) {
        ByteBuf b = head.bytes();
        for (int i = 0; i < head.headerCount(); i++) {
            int kind = head.kind(i);
            if (kind == HttpHead.KIND_HOP_BY_HOP || kind == HttpHead.KIND_UPGRADE
                    || head.nameIs(i, TRANSFER_ENCODING)) {
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
            HttpHead parsed = HttpHeadParser.forThisThread().parseResponse(head);
            try {
                Http2Headers headers = new DefaultHttp2Headers(false, parsed.headerCount());
                copyHeaders(parsed, headers);
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
