package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpHeadParserTest {

    private final HttpHeadParser parser = new HttpHeadParser();

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private HttpHead request(String s) throws HttpParseException {
        ByteBuf buf = bytes(s);
        int end = HttpHeadParser.findEnd(buf);
        assertEquals(buf.writerIndex(), end, "head end");
        return parser.parseRequest(buf);
    }

    private int rejected(String s) {
        return assertThrows(HttpParseException.class, () -> request(s)).status();
    }

    @Test
    void indexesRequestLineAndHeadersInPlace() throws Exception {
        HttpHead h = request("GET /blog/a?x=1 HTTP/1.1\r\nHost: example.com\r\nX-A:  spaced value \r\n\r\n");
        assertEquals("GET", h.method());
        assertEquals("/blog/a?x=1", h.uri());
        assertEquals(HttpHead.HTTP_1_1, h.version());
        assertEquals(2, h.headerCount());
        assertEquals("spaced value", h.header(io.netty.util.AsciiString.of("x-a")));
        assertEquals(-1, h.contentLength());
        assertTrue(h.wantsKeepAlive());
    }

    @Test
    void findEndWaitsForTheEmptyLine() {
        assertEquals(-1, HttpHeadParser.findEnd(bytes("GET / HTTP/1.1\r\nHost: a\r\n")));
        assertEquals(-1, HttpHeadParser.findEnd(bytes("GET / HTTP/1.1\r\nHost: a\r\n\r")));
    }

    @Test
    void acceptsBareLineFeeds() throws Exception {
        HttpHead h = request("GET / HTTP/1.0\nUser-Agent: x\n\n");
        assertEquals(HttpHead.HTTP_1_0, h.version());
        assertFalse(h.wantsKeepAlive());
    }

    @Test
    void http10KeepAliveIsHonoured() throws Exception {
        assertTrue(request("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").wantsKeepAlive());
    }

    @Test
    void connectionCloseIsSeen() throws Exception {
        assertFalse(request("GET / HTTP/1.1\r\nHost: a\r\nConnection: foo, close\r\n\r\n").wantsKeepAlive());
    }

    @Test
    void chunkedWinsOverContentLength() throws Exception {
        HttpHead h = request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertTrue(h.isChunked());
        assertEquals(-1, h.contentLength());
    }

    @Test
    void identicalContentLengthListIsAccepted() throws Exception {
        assertEquals(5, request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\n").contentLength());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "0x5", "-1", "5 5", "", "5,6", "99999999999999999999"})
    void malformedContentLengthIs400(String value) {
        assertEquals(400, rejected("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: " + value + "\r\n\r\n"));
    }

    @Test
    void differingContentLengthHeadersAre400() {
        assertEquals(400, rejected("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "chunked, gzip", "identity", "chunked, chunked"})
    void transferEncodingNotEndingInChunkedIs400(String value) {
        assertEquals(400, rejected("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: " + value + "\r\n\r\n"));
    }

    @Test
    void transferEncodingInHttp10Is400() {
        assertEquals(400, rejected("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"));
    }

    @Test
    void whitespaceBeforeColonIs400() {
        assertEquals(400, rejected("GET / HTTP/1.1\r\nHost : a\r\n\r\n"));
    }

    @Test
    void obsFoldIs400() {
        assertEquals(400, rejected("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  c\r\n\r\n"));
    }

    @Test
    void nulInValueIs400() {
        assertEquals(400, rejected("GET / HTTP/1.1\r\nHost: a\u0000b\r\n\r\n"));
    }

    @Test
    void bareCrInValueIs400() {
        assertEquals(400, rejected("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n"));
    }

    @Test
    void invalidNameByteIs400() {
        assertEquals(400, rejected("GET / HTTP/1.1\r\nHo\"st: a\r\n\r\n"));
    }

    @Test
    void missingHostInHttp11Is400() {
        assertEquals(400, rejected("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n"));
    }

    @Test
    void repeatedHostIs400() {
        assertEquals(400, rejected("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
    }

    @Test
    void unknownVersionIs505() {
        assertEquals(505, rejected("GET / HTTP/2.0\r\nHost: a\r\n\r\n"));
    }

    @Test
    void garbageRequestLineIs400() {
        assertEquals(400, rejected("GET /\r\nHost: a\r\n\r\n"));
        assertEquals(400, rejected("G(T / HTTP/1.1\r\nHost: a\r\n\r\n"));
    }

    @Test
    void tooManyHeadersIs431() {
        StringBuilder s = new StringBuilder("GET / HTTP/1.1\r\nHost: a\r\n");
        for (int i = 0; i < HttpHeadParser.MAX_HEADERS; i++) {
            s.append("X-").append(i).append(": v\r\n");
        }
        assertEquals(431, rejected(s.append("\r\n").toString()));
    }

    @Test
    void parsesStatusLine() throws Exception {
        ByteBuf buf = bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\n");
        HttpHead h = parser.parseResponse(buf);
        assertEquals(404, h.status());
        assertEquals(3, h.contentLength());
    }

    @Test
    void responseWithoutReasonPhraseIsAccepted() throws Exception {
        assertEquals(204, parser.parseResponse(bytes("HTTP/1.1 204\r\n\r\n")).status());
    }

    @Test
    void malformedStatusIs502() {
        assertEquals(502, assertThrows(HttpParseException.class,
                () -> parser.parseResponse(bytes("HTTP/1.1 2x0 OK\r\n\r\n"))).status());
    }
}
