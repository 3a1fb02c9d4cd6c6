package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.Arrays;

/**
 * Parses HTTP/1.x heads strictly (RFC 9112), the way HAProxy does: anything that could let two parties
 * disagree on where a message ends is rejected. Rejected: invalid bytes in names or values (NUL, bare CR,
 * other controls), whitespace before a colon, obs-fold, malformed or conflicting Content-Length, a request
 * Transfer-Encoding whose last coding is not {@code chunked}, Transfer-Encoding in HTTP/1.0, missing or
 * repeated Host in HTTP/1.1 requests, more than {@value #MAX_HEADERS} headers.
 * With both Content-Length and chunked, Content-Length is ignored (and not forwarded).
 *
 * <p>The head is copied once into a reusable array and parsed from there: array reads are several times
 * cheaper than bounds-checked reads from a direct buffer. Not thread-safe: each event loop has its own
 * ({@link #forThisThread()}), which parsing leaves in no state between heads.
 */
final class HttpHeadParser {

    private static final FastThreadLocal<HttpHeadParser> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected HttpHeadParser initialValue() {
            return new HttpHeadParser();
        }
    };

    /** This thread's parser. */
    static HttpHeadParser forThisThread() {
        return PER_THREAD.get();
    }

    static final int MAX_HEADERS = 101;

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

    /** Whether {@code c} may appear in a token: a method, or a header name (RFC 9110 §5.6.2). */
    static boolean isTokenChar(char c) {
        return c < 256 && TOKEN[c];
    }

    private final int[] scratch = new int[MAX_HEADERS * HttpHead.SLOTS];
    private byte[] b = new byte[1024];

    // What the headers say about framing and the connection, gathered while parsing one head.
    private boolean request;
    private int count;
    private long contentLength;
    private boolean transferEncoding;
    private boolean chunked;
    private int connection;
    private int hosts;
    private int tokenStart;
    private int tokenEnd;

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
            byte c = buf.getByte(buf.readerIndex());
            if (c == '\n') {
                buf.skipBytes(1);
            } else if (c == '\r' && buf.readableBytes() >= 2 && buf.getByte(buf.readerIndex() + 1) == '\n') {
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
        int length = load(head, true);
        int lineEnd = lineEnd(0, length);
        int sp1 = indexOf(0, lineEnd, ' ');
        if (sp1 <= 0) {
            throw new HttpParseException(400, "malformed request line");
        }
        for (int i = 0; i < sp1; i++) {
            if (!TOKEN[b[i] & 0xff]) {
                throw new HttpParseException(400, "invalid character in method");
            }
        }
        int uriStart = sp1 + 1;
        int sp2 = indexOf(uriStart, lineEnd, ' ');
        if (sp2 <= uriStart) {
            throw new HttpParseException(400, "malformed request line");
        }
        for (int i = uriStart; i < sp2; i++) {
            int c = b[i] & 0xff;
            if (c <= 0x20 || c == 0x7f || c == '#') {
                throw new HttpParseException(400, "invalid character in request target");
            }
        }
        int version = parseVersion(sp2 + 1, lineEnd, 400);
        parseHeaders(lineEnd, length);
        if (version == HttpHead.HTTP_1_1 && hosts == 0) {
            throw new HttpParseException(400, "missing Host header");
        }
        if (transferEncoding && version == HttpHead.HTTP_1_0) {
            throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 request");
        }
        if (transferEncoding && !chunked) {
            throw new HttpParseException(400, "the last transfer coding of a request must be chunked");
        }
        return build(head, lineEnd, version, sp1, uriStart, sp2);
    }

    /** Parses a complete response head; same ownership rules as {@link #parseRequest}. */
    HttpHead parseResponse(ByteBuf head) throws HttpParseException {
        int length = load(head, false);
        int lineEnd = lineEnd(0, length);
        if (lineEnd < 12 || b[8] != ' ') {
            throw new HttpParseException(502, "malformed status line");
        }
        int version = parseVersion(0, 8, 502);
        int status = 0;
        for (int i = 9; i < 12; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new HttpParseException(502, "malformed status code");
            }
            status = status * 10 + d;
        }
        if (status < 100 || (lineEnd > 12 && b[12] != ' ')) {
            throw new HttpParseException(502, "malformed status line");
        }
        parseHeaders(lineEnd, length);
        if (transferEncoding && !chunked) {
            // RFC 9112 §6.3: a response whose last coding is not chunked is delimited by the close.
            contentLength = -1;
        }
        return build(head, lineEnd, version, status, 0, 0);
    }

    private int load(ByteBuf head, boolean isRequest) {
        int length = head.readableBytes();
        if (b.length < length) {
            b = new byte[Math.max(length, b.length * 2)];
        }
        head.getBytes(head.readerIndex(), b, 0, length);
        request = isRequest;
        count = 0;
        contentLength = -1;
        transferEncoding = false;
        chunked = false;
        connection = 0;
        hosts = 0;
        return length;
    }

    private HttpHead build(ByteBuf head, int startLineEnd, int version, int methodEndOrStatus, int uriStart,
                           int uriEnd) {
        // RFC 9112 §6.1: with both, chunked wins, Content-Length is not forwarded and the connection closes after.
        boolean conflictingFraming = transferEncoding && contentLength >= 0;
        if (chunked) {
            contentLength = -1;
        }
        int[] headers = Arrays.copyOf(scratch, count * HttpHead.SLOTS);
        return new HttpHead(head, startLineEnd, headers, count, version, methodEndOrStatus, uriStart, uriEnd,
                contentLength, chunked, connection, conflictingFraming);
    }

    private int parseVersion(int start, int end, int errorStatus) throws HttpParseException {
        if (end - start == 8 && b[start] == 'H' && b[start + 1] == 'T' && b[start + 2] == 'T' && b[start + 3] == 'P'
                && b[start + 4] == '/' && b[start + 5] == '1' && b[start + 6] == '.') {
            if (b[start + 7] == '1') {
                return HttpHead.HTTP_1_1;
            }
            if (b[start + 7] == '0') {
                return HttpHead.HTTP_1_0;
            }
        }
        boolean wellFormed = end - start == 8 && b[start] == 'H' && b[start + 1] == 'T' && b[start + 2] == 'T'
                && b[start + 3] == 'P' && b[start + 4] == '/' && isDigit(b[start + 5]) && b[start + 6] == '.'
                && isDigit(b[start + 7]);
        throw new HttpParseException(wellFormed && errorStatus == 400 ? 505 : errorStatus, "unsupported HTTP version");
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The index of the CR (or the bare LF) that ends the line starting at {@code start}. */
    private int lineEnd(int start, int length) {
        int lf = indexOf(start, length, '\n');
        return lf > start && b[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private int indexOf(int from, int to, char c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private void parseHeaders(int startLineEnd, int length) throws HttpParseException {
        int status = request ? 400 : 502;
        int pos = next(startLineEnd);
        while (true) {
            int end = lineEnd(pos, length);
            if (end == pos) {
                return;
            }
            if (count == MAX_HEADERS) {
                throw new HttpParseException(request ? 431 : 502, "too many headers");
            }
            if (b[pos] == ' ' || b[pos] == '\t') {
                throw new HttpParseException(status, "obsolete line folding");
            }
            int colon = pos;
            while (colon < end && TOKEN[b[colon] & 0xff]) {
                colon++;
            }
            if (colon == pos || colon == end || b[colon] != ':') {
                throw new HttpParseException(status, "invalid header name");
            }
            int vs = colon + 1;
            int ve = end;
            while (vs < ve && isOws(b[vs])) {
                vs++;
            }
            while (ve > vs && isOws(b[ve - 1])) {
                ve--;
            }
            for (int i = vs; i < ve; i++) {
                int c = b[i] & 0xff;
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new HttpParseException(status, "invalid character in header value");
                }
            }
            int k = count * HttpHead.SLOTS;
            scratch[k] = pos;
            scratch[k + 1] = colon;
            scratch[k + 2] = vs;
            scratch[k + 3] = ve;
            scratch[k + 4] = inspect(pos, colon, vs, ve);
            count++;
            pos = next(end);
        }
    }

    /** The index after the line terminator that starts at {@code end} (CRLF, or a bare LF). */
    private int next(int end) throws HttpParseException {
        if (b[end] == '\r') {
            if (b[end + 1] != '\n') {
                throw new HttpParseException(request ? 400 : 502, "bare CR");
            }
            return end + 2;
        }
        return end + 1;
    }

    private static boolean isOws(byte c) {
        return c == ' ' || c == '\t';
    }

    /** Records what a header says about framing and the connection, and returns its kind. */
    private int inspect(int ns, int ne, int vs, int ve) throws HttpParseException {
        switch (ne - ns) {
            case 4 -> {
                if (request && nameIs(ns, "host") && ++hosts > 1) {
                    throw new HttpParseException(400, "several Host headers");
                }
            }
            case 7 -> {
                if (nameIs(ns, "upgrade")) {
                    return HttpHead.KIND_UPGRADE;
                }
            }
            case 10 -> {
                if (nameIs(ns, "connection")) {
                    connection(vs, ve);
                    return HttpHead.KIND_HOP_BY_HOP;
                }
                if (nameIs(ns, "keep-alive")) {
                    return HttpHead.KIND_HOP_BY_HOP;
                }
            }
            case 14 -> {
                if (nameIs(ns, "content-length")) {
                    contentLength(vs, ve);
                    return HttpHead.KIND_CONTENT_LENGTH;
                }
            }
            case 16 -> {
                if (nameIs(ns, "proxy-connection")) {
                    return HttpHead.KIND_HOP_BY_HOP;
                }
            }
            case 17 -> {
                if (nameIs(ns, "transfer-encoding")) {
                    transferEncoding(vs, ve);
                }
            }
            default -> { }
        }
        return HttpHead.KIND_OTHER;
    }

    private void contentLength(int vs, int ve) throws HttpParseException {
        int status = request ? 400 : 502;
        if (vs == ve) {
            throw new HttpParseException(status, "empty Content-Length");
        }
        int i = vs;
        while (i < ve) {
            long value = 0;
            int digits = 0;
            while (i < ve && isDigit(b[i])) {
                if (value > (Long.MAX_VALUE - 9) / 10) {
                    throw new HttpParseException(status, "Content-Length too large");
                }
                value = value * 10 + (b[i] - '0');
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
            while (i < ve && isOws(b[i])) {
                i++;
            }
            if (i < ve) {
                if (b[i] != ',') {
                    throw new HttpParseException(status, "malformed Content-Length");
                }
                i++;
                while (i < ve && isOws(b[i])) {
                    i++;
                }
                if (i == ve) {
                    throw new HttpParseException(status, "malformed Content-Length");
                }
            }
        }
    }

    private void transferEncoding(int vs, int ve) throws HttpParseException {
        transferEncoding = true;
        for (int next = vs; (next = nextToken(next, ve)) >= 0; ) {
            if (chunked) {
                throw new HttpParseException(request ? 400 : 502, "chunked is not the last transfer coding");
            }
            chunked = equalsIgnoreCase(tokenStart, tokenEnd, "chunked");
        }
    }

    private void connection(int vs, int ve) {
        for (int next = vs; (next = nextToken(next, ve)) >= 0; ) {
            if (equalsIgnoreCase(tokenStart, tokenEnd, "close")) {
                connection |= HttpHead.CONN_CLOSE;
            } else if (equalsIgnoreCase(tokenStart, tokenEnd, "keep-alive")) {
                connection |= HttpHead.CONN_KEEP_ALIVE;
            } else if (equalsIgnoreCase(tokenStart, tokenEnd, "upgrade")) {
                connection |= HttpHead.CONN_UPGRADE;
            }
        }
    }

    /**
     * Finds the next non-empty element of a comma-separated list starting at {@code from}, trimmed, into
     * {@link #tokenStart}/{@link #tokenEnd}.
     *
     * @return where to look for the element after it, or -1 when there is none
     */
    private int nextToken(int from, int end) {
        while (from <= end) {
            int comma = indexOf(from, end, ',');
            int stop = comma < 0 ? end : comma;
            int ts = from;
            int te = stop;
            while (ts < te && isOws(b[ts])) {
                ts++;
            }
            while (te > ts && isOws(b[te - 1])) {
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

    /** Whether the name at {@code start} equals {@code lowerName} ignoring case; the caller checked the length. */
    private boolean nameIs(int start, String lowerName) {
        for (int k = 0; k < lowerName.length(); k++) {
            if (Ascii.lower(b[start + k]) != lowerName.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private boolean equalsIgnoreCase(int start, int end, String expected) {
        return end - start == expected.length() && nameIs(start, expected);
    }
}
