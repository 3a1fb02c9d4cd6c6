package io.ballast.proxy;

import io.netty.buffer.ByteBuf;

/**
 * Tracks where a message body ends while its bytes stream through unchanged: a fixed length, chunked
 * encoding (with trailers), or the end of the connection. {@link #frame} says how many of the readable
 * bytes belong to the body; the caller forwards exactly those.
 */
final class BodyFramer {

    private enum State { SIZE, SIZE_EXT, SIZE_LF, DATA, DATA_CR, DATA_LF, TRAILER_START, TRAILER, TRAILER_LF, LAST_LF, DONE }

    private static final long UNTIL_CLOSE = -2;
    /** Largest chunk size accepted: 2^60, well beyond any real chunk and far from overflow. */
    private static final long MAX_CHUNK = 1L << 60;
    /**
     * Largest trailer section accepted, as HAProxy's default {@code tune.bufsize}: a reader that keeps trailers to
     * re-frame them (HTTP/2) must not be made to keep them without end.
     */
    static final int MAX_TRAILER_BYTES = 16384;

    private final boolean chunked;
    private long remaining;
    private State state;
    private int sizeDigits;
    private int trailerBytes;

    private BodyFramer(boolean chunked, long length) {
        this.chunked = chunked;
        this.remaining = length;
        this.state = chunked ? State.SIZE : (length == 0 ? State.DONE : State.DATA);
    }

    /** A body of exactly {@code length} bytes. */
    static BodyFramer ofLength(long length) {
        return new BodyFramer(false, length);
    }

    /** A chunked body. */
    static BodyFramer chunked() {
        return new BodyFramer(true, 0);
    }

    /** No body at all. */
    static BodyFramer none() {
        return new BodyFramer(false, 0);
    }

    /** A response body that ends when the server closes the connection. */
    static BodyFramer untilClose() {
        return new BodyFramer(false, UNTIL_CLOSE);
    }

    /** The framing of a request with this head. */
    static BodyFramer forRequest(HttpHead head) {
        if (head.isChunked()) {
            return chunked();
        }
        return head.contentLength() > 0 ? ofLength(head.contentLength()) : none();
    }

    /** The framing of a response with this head to a request made with {@code headRequest} = HEAD. */
    static BodyFramer forResponse(HttpHead head, boolean headRequest) {
        int status = head.status();
        if (headRequest || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            return none();
        }
        if (head.isChunked()) {
            return chunked();
        }
        if (head.contentLength() >= 0) {
            return ofLength(head.contentLength());
        }
        return untilClose();
    }

    boolean isDone() {
        return state == State.DONE;
    }

    boolean isUntilClose() {
        return remaining == UNTIL_CLOSE;
    }

    /**
     * Where the payload of a body lies within its framing, for a reader that re-frames it (HTTP/2 DATA frames
     * instead of chunks).
     */
    interface Payload {
        /** {@code length} payload bytes at {@code index} of {@code in}. */
        void data(ByteBuf in, int index, int length);

        /** One byte of the chunked trailer section, its final empty line included. */
        void trailerByte(byte b);
    }

    /**
     * @return how many bytes from {@code in.readerIndex()} belong to the body (does not move the reader index)
     * @throws HttpParseException on a malformed chunk size or chunk delimiter
     */
    int frame(ByteBuf in) throws HttpParseException {
        return frame(in, null);
    }

    /** As {@link #frame(ByteBuf)}, telling {@code payload} (if not null) where the payload bytes are. */
    int frame(ByteBuf in, Payload payload) throws HttpParseException {
        int available = in.readableBytes();
        if (!chunked) {
            int n = remaining == UNTIL_CLOSE ? available : (int) Math.min(available, remaining);
            if (remaining != UNTIL_CLOSE) {
                remaining -= n;
                if (remaining == 0) {
                    state = State.DONE;
                }
            }
            if (payload != null && n > 0) {
                payload.data(in, in.readerIndex(), n);
            }
            return n;
        }
        int start = in.readerIndex();
        int i = start;
        int end = in.writerIndex();
        while (i < end && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(end - i, remaining);
                if (payload != null) {
                    payload.data(in, i, n);
                }
                i += n;
                remaining -= n;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
                continue;
            }
            byte b = in.getByte(i++);
            if (state.compareTo(State.TRAILER_START) >= 0) {
                if (++trailerBytes > MAX_TRAILER_BYTES) {
                    throw new HttpParseException(400, "trailers too large");
                }
                if (payload != null) {
                    payload.trailerByte(b);
                }
            }
            step(b);
        }
        return i - start;
    }

    private void step(byte b) throws HttpParseException {
        switch (state) {
            case SIZE -> {
                int digit = Character.digit(b, 16);
                if (digit >= 0) {
                    if (++sizeDigits > 15 || remaining > MAX_CHUNK) {
                        throw new HttpParseException(400, "chunk size too large");
                    }
                    remaining = remaining * 16 + digit;
                } else if (sizeDigits > 0 && (b == ';' || b == ' ' || b == '\t')) {
                    state = State.SIZE_EXT;
                } else if (sizeDigits > 0 && b == '\r') {
                    state = State.SIZE_LF;
                } else {
                    throw new HttpParseException(400, "malformed chunk size");
                }
            }
            case SIZE_EXT -> {
                if (b == '\r') {
                    state = State.SIZE_LF;
                } else if (b == '\n' || (b < 0x20 && b != '\t') || b == 0x7f) {
                    throw new HttpParseException(400, "malformed chunk extension");
                }
            }
            case SIZE_LF -> {
                if (b != '\n') {
                    throw new HttpParseException(400, "malformed chunk size line");
                }
                sizeDigits = 0;
                state = remaining == 0 ? State.TRAILER_START : State.DATA;
            }
            case DATA_CR -> {
                if (b != '\r') {
                    throw new HttpParseException(400, "missing CRLF after chunk data");
                }
                state = State.DATA_LF;
            }
            case DATA_LF -> {
                if (b != '\n') {
                    throw new HttpParseException(400, "missing CRLF after chunk data");
                }
                state = State.SIZE;
            }
            case TRAILER_START -> state = b == '\r' ? State.LAST_LF : trailerByte(b);
            case TRAILER -> state = b == '\r' ? State.TRAILER_LF : trailerByte(b);
            case TRAILER_LF -> state = expectLf(b, State.TRAILER_START);
            case LAST_LF -> state = expectLf(b, State.DONE);
            default -> throw new IllegalStateException(state.toString());
        }
    }

    private static State expectLf(byte b, State next) throws HttpParseException {
        if (b != '\n') {
            throw new HttpParseException(400, "bare CR in chunked trailer");
        }
        return next;
    }

    private State trailerByte(byte b) throws HttpParseException {
        if ((b < 0x20 && b != '\t') || b == 0x7f) {
            throw new HttpParseException(400, "invalid character in trailer");
        }
        return State.TRAILER;
    }
}
