package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.util.AsciiString;

/**
 * Parses HTTP/1.x heads strictly (RFC 9112), the way HAProxy does: anything that could let two parties
 * disagree on where a message ends is rejected. Rejected: invalid bytes in names or values (NUL, bare CR,
 * other controls), whitespace before a colon, obs-fold, malformed or conflicting Content-Length, a request
 * Transfer-Encoding whose last coding is not {@code chunked}, Transfer-Encoding in HTTP/1.0, missing or
 * repeated Host in HTTP/1.1 requests, more than {@value #MAX_HEADERS} headers.
 * With both Content-Length and chunked, Content-Length is ignored (and not forwarded).
 */
final class HttpHeadParser {

    static final int MAX_HEADERS = 101;

    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    private static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
    private static final AsciiString CONNECTION = AsciiString.cached("connection");
    private static final AsciiString HOST = AsciiString.cached("host");
    private static final AsciiString EXPECT = AsciiString.cached("expect");

    /** RFC 9110 tchar. */
    private static final boolean[] TOKEN = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private final int[] scratch = new int[MAX_HEADERS * 4];

    /**
     * Finds the end of a head that starts at {@code buf.readerIndex()}.
     *
     * @return the index just past the empty line that ends it, or -1 when it is not complete yet
     */
    static int findEnd(ByteBuf buf) {
        int lineStart = buf.readerIndex();
        int end = buf.writerIndex();
        while (lineStart < end) {
            int lf = buf.indexOf(lineStart, end, (byte) '\n');
            if (lf < 0) {
                return -1;
            }
            int len = lf - lineStart;
            if (lineStart != buf.readerIndex() && (len == 0 || (len == 1 && buf.getByte(lineStart) == '\r'))) {
                return lf + 1;
            }
            lineStart = lf + 1;
        }
        return -1;
    }

    /** Skips the empty lines that RFC 9112 §2.2 lets a server ignore before a request line. */
    static void skipLeadingEmptyLines(ByteBuf buf) {
        while (buf.isReadable()) {
            byte b = buf.getByte(buf.readerIndex());
            if (b == '\n') {
                buf.skipBytes(1);
            } else if (b == '\r' && buf.readableBytes() >= 2 && buf.getByte(buf.readerIndex() + 1) == '\n') {
                buf.skipBytes(2);
            } else {
                return;
            }
        }
    }

    /**
     * Parses a complete request head. On success the head takes ownership of {@code head}; on failure the
     * caller still owns it.
     *
     * @param head exactly the head's bytes, from the request line to the empty line included
     */
    HttpHead parseRequest(ByteBuf head) throws HttpParseException {
        int lineEnd = lineEnd(head, 0);
        int sp1 = indexOf(head, 0, lineEnd, ' ');
        if (sp1 <= 0) {
            throw new HttpParseException(400, "malformed request line");
        }
        for (int i = 0; i < sp1; i++) {
            if (!TOKEN[head.getByte(i) & 0xff]) {
                throw new HttpParseException(400, "invalid character in method");
            }
        }
        int uriStart = sp1 + 1;
        int sp2 = indexOf(head, uriStart, lineEnd, ' ');
        if (sp2 <= uriStart) {
            throw new HttpParseException(400, "malformed request line");
        }
        for (int i = uriStart; i < sp2; i++) {
            int c = head.getByte(i) & 0xff;
            if (c <= 0x20 || c == 0x7f || c == '#') {
                throw new HttpParseException(400, "invalid character in request target");
            }
        }
        int version = parseVersion(head, sp2 + 1, lineEnd, 400);
        Framing f = parseHeaders(head, lineEnd, true);
        if (version == HttpHead.HTTP_1_1 && f.hosts == 0) {
            throw new HttpParseException(400, "missing Host header");
        }
        if (f.transferEncoding && version == HttpHead.HTTP_1_0) {
            throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 request");
        }
        return f.build(head, lineEnd, version, sp1, uriStart, sp2);
    }

    /** Parses a complete response head; same ownership rules as {@link #parseRequest}. */
    HttpHead parseResponse(ByteBuf head) throws HttpParseException {
        int lineEnd = lineEnd(head, 0);
        if (lineEnd < 12 || head.getByte(8) != ' ') {
            throw new HttpParseException(502, "malformed status line");
        }
        int version = parseVersion(head, 0, 8, 502);
        int status = 0;
        for (int i = 9; i < 12; i++) {
            int d = head.getByte(i) - '0';
            if (d < 0 || d > 9) {
                throw new HttpParseException(502, "malformed status code");
            }
            status = status * 10 + d;
        }
        if (status < 100 || (lineEnd > 12 && head.getByte(12) != ' ')) {
            throw new HttpParseException(502, "malformed status line");
        }
        Framing f = parseHeaders(head, lineEnd, false);
        return f.build(head, lineEnd, version, status, 0, 0);
    }

    private static int parseVersion(ByteBuf head, int start, int end, int errorStatus) throws HttpParseException {
        if (end - start == 8 && head.getByte(start) == 'H' && head.getByte(start + 1) == 'T'
                && head.getByte(start + 2) == 'T' && head.getByte(start + 3) == 'P' && head.getByte(start + 4) == '/'
                && head.getByte(start + 5) == '1' && head.getByte(start + 6) == '.') {
            byte minor = head.getByte(start + 7);
            if (minor == '1') {
                return HttpHead.HTTP_1_1;
            }
            if (minor == '0') {
                return HttpHead.HTTP_1_0;
            }
        }
        boolean wellFormed = end - start == 8 && head.getByte(start + 5) >= '0' && head.getByte(start + 5) <= '9'
                && head.getByte(start + 6) == '.' && head.getByte(start + 7) >= '0' && head.getByte(start + 7) <= '9'
                && head.toString(start, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("HTTP/");
        throw new HttpParseException(wellFormed && errorStatus == 400 ? 505 : errorStatus, "unsupported HTTP version");
    }

    /** The index of the CR (or the bare LF) that ends the line starting at {@code start}. */
    private static int lineEnd(ByteBuf head, int start) throws HttpParseException {
        int lf = head.indexOf(start, head.writerIndex(), (byte) '\n');
        return lf > start && head.getByte(lf - 1) == '\r' ? lf - 1 : lf;
    }

    private static int indexOf(ByteBuf buf, int from, int to, char c) {
        return buf.indexOf(from, to, (byte) c);
    }

    private Framing parseHeaders(ByteBuf head, int startLineEnd, boolean request) throws HttpParseException {
        Framing f = new Framing(request);
        int pos = next(head, startLineEnd);
        int count = 0;
        while (true) {
            int end = lineEnd(head, pos);
            if (end == pos) {
                break;
            }
            if (count == MAX_HEADERS) {
                throw new HttpParseException(request ? 431 : 502, "too many headers");
            }
            int c0 = head.getByte(pos) & 0xff;
            if (c0 == ' ' || c0 == '\t') {
                throw new HttpParseException(request ? 400 : 502, "obsolete line folding");
            }
            int colon = pos;
            while (colon < end && TOKEN[head.getByte(colon) & 0xff]) {
                colon++;
            }
            if (colon == pos || colon == end || head.getByte(colon) != ':') {
                throw new HttpParseException(request ? 400 : 502, "invalid header name");
            }
            int vs = colon + 1;
            int ve = end;
            while (vs < ve && isOws(head.getByte(vs))) {
                vs++;
            }
            while (ve > vs && isOws(head.getByte(ve - 1))) {
                ve--;
            }
            for (int i = vs; i < ve; i++) {
                int c = head.getByte(i) & 0xff;
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new HttpParseException(request ? 400 : 502, "invalid character in header value");
                }
            }
            int k = count * 4;
            scratch[k] = pos;
            scratch[k + 1] = colon;
            scratch[k + 2] = vs;
            scratch[k + 3] = ve;
            f.inspect(head, pos, colon, vs, ve);
            count++;
            pos = next(head, end);
        }
        f.count = count;
        return f;
    }

    /** The index after the line terminator that starts at {@code end} (CRLF, or a bare LF). */
    private static int next(ByteBuf head, int end) throws HttpParseException {
        if (head.getByte(end) == '\r') {
            if (head.getByte(end + 1) != '\n') {
                throw new HttpParseException(400, "bare CR");
            }
            return end + 2;
        }
        return end + 1;
    }

    private static boolean isOws(byte b) {
        return b == ' ' || b == '\t';
    }

    /** What the headers say about message framing and the connection, gathered while parsing. */
    private final class Framing {
        final boolean request;
        int count;
        long contentLength = -1;
        boolean transferEncoding;
        boolean chunked;
        int connection;
        boolean expectContinue;
        int hosts;

        Framing(boolean request) {
            this.request = request;
        }

        void inspect(ByteBuf head, int ns, int ne, int vs, int ve) throws HttpParseException {
            int len = ne - ns;
            if (len == CONTENT_LENGTH.length() && nameEquals(head, ns, CONTENT_LENGTH)) {
                contentLength(head, vs, ve);
            } else if (len == TRANSFER_ENCODING.length() && nameEquals(head, ns, TRANSFER_ENCODING)) {
                transferEncoding(head, vs, ve);
            } else if (len == CONNECTION.length() && nameEquals(head, ns, CONNECTION)) {
                connection(head, vs, ve);
            } else if (request && len == HOST.length() && nameEquals(head, ns, HOST)) {
                if (++hosts > 1) {
                    throw new HttpParseException(400, "several Host headers");
                }
            } else if (request && len == EXPECT.length() && nameEquals(head, ns, EXPECT)) {
                expectContinue = equalsIgnoreCase(head, vs, ve, "100-continue");
            }
        }

        private void contentLength(ByteBuf head, int vs, int ve) throws HttpParseException {
            int status = request ? 400 : 502;
            int i = vs;
            while (i < ve) {
                long value = 0;
                int digits = 0;
                while (i < ve && head.getByte(i) >= '0' && head.getByte(i) <= '9') {
                    if (value > (Long.MAX_VALUE - 9) / 10) {
                        throw new HttpParseException(status, "Content-Length too large");
                    }
                    value = value * 10 + (head.getByte(i) - '0');
                    digits++;
                    i++;
                }
                if (digits == 0) {
                    throw new HttpParseException(status, "malformed Content-Length");
                }
                if (contentLength >= 0 && contentLength != value) {
                    throw new HttpParseException(status, "conflicting Content-Length values");
                }
                contentLength = value;
                while (i < ve && isOws(head.getByte(i))) {
                    i++;
                }
                if (i < ve) {
                    if (head.getByte(i) != ',') {
                        throw new HttpParseException(status, "malformed Content-Length");
                    }
                    i++;
                    while (i < ve && isOws(head.getByte(i))) {
                        i++;
                    }
                    if (i == ve) {
                        throw new HttpParseException(status, "malformed Content-Length");
                    }
                }
            }
            if (vs == ve) {
                throw new HttpParseException(status, "empty Content-Length");
            }
        }

        private void transferEncoding(ByteBuf head, int vs, int ve) throws HttpParseException {
            transferEncoding = true;
            for (int next = vs; (next = nextToken(head, next, ve)) >= 0; ) {
                if (chunked) {
                    throw new HttpParseException(request ? 400 : 502, "chunked is not the last transfer coding");
                }
                chunked = equalsIgnoreCase(head, tokenStart, tokenEnd, "chunked");
            }
            if (request && !chunked) {
                throw new HttpParseException(400, "the last transfer coding of a request must be chunked");
            }
        }

        private void connection(ByteBuf head, int vs, int ve) {
            for (int next = vs; (next = nextToken(head, next, ve)) >= 0; ) {
                if (equalsIgnoreCase(head, tokenStart, tokenEnd, "close")) {
                    connection |= HttpHead.CONN_CLOSE;
                } else if (equalsIgnoreCase(head, tokenStart, tokenEnd, "keep-alive")) {
                    connection |= HttpHead.CONN_KEEP_ALIVE;
                } else if (equalsIgnoreCase(head, tokenStart, tokenEnd, "upgrade")) {
                    connection |= HttpHead.CONN_UPGRADE;
                }
            }
        }

        private int tokenStart;
        private int tokenEnd;

        /**
         * Finds the next non-empty element of a comma-separated list starting at {@code from}, trimmed, into
         * {@link #tokenStart}/{@link #tokenEnd}.
         *
         * @return where to look for the element after it, or -1 when there is none
         */
        private int nextToken(ByteBuf head, int from, int end) {
            while (from <= end) {
                int comma = head.indexOf(from, end, (byte) ',');
                int stop = comma < 0 ? end : comma;
                int ts = from;
                int te = stop;
                while (ts < te && isOws(head.getByte(ts))) {
                    ts++;
                }
                while (te > ts && isOws(head.getByte(te - 1))) {
                    te--;
                }
                from = stop + 1;
                if (ts < te) {
                    tokenStart = ts;
                    tokenEnd = te;
                    return from;
                }
            }
            return -1;
        }

        HttpHead build(ByteBuf head, int startLineEnd, int version, int methodEndOrStatus, int uriStart, int uriEnd)
                throws HttpParseException {
            if (!request && transferEncoding && !chunked) {
                // RFC 9112 §6.3: a response whose last coding is not chunked is delimited by the close.
                contentLength = -1;
            }
            if (chunked) {
                contentLength = -1;
            }
            int[] headers = java.util.Arrays.copyOf(scratch, count * 4);
            return new HttpHead(head, startLineEnd, headers, count, version, methodEndOrStatus, uriStart, uriEnd,
                    contentLength, chunked, connection, expectContinue);
        }
    }

    private static boolean nameEquals(ByteBuf head, int start, AsciiString lowerName) {
        for (int k = 0; k < lowerName.length(); k++) {
            if (Ascii.lower(head.getByte(start + k)) != lowerName.byteAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalsIgnoreCase(ByteBuf head, int start, int end, String expected) {
        if (end - start != expected.length()) {
            return false;
        }
        for (int k = 0; k < expected.length(); k++) {
            if (Ascii.lower(head.getByte(start + k)) != expected.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
