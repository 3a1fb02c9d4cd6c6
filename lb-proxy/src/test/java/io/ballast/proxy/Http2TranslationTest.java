package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/2 requests written as HTTP/1.1 bytes, and HTTP/1.1 responses read back into frames. */
class Http2TranslationTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static String text(ByteBuf b) {
        try {
            return b.toString(StandardCharsets.ISO_8859_1);
        } finally {
            b.release();
        }
    }

    private static Http2Headers get(String path) {
        return new DefaultHttp2Headers(false).method("GET").scheme("https").authority("a.example").path(path);
    }

    @Test
    void aRequestWithoutBodyBecomesAnHttp11Head() throws Exception {
        Http2Headers h = get("/p?q=1").add("accept", "*/*").add("host", "ignored.example");
        assertEquals("GET /p?q=1 HTTP/1.1\r\nhost: a.example\r\naccept: */*\r\n\r\n",
                text(new Http2ToHttp1().requestHead(ALLOC, 1, h, true)));
    }

    @Test
    void aBodyOfUnknownLengthIsChunkedAndEndsWithItsTrailers() throws Exception {
        Http2ToHttp1 t = new Http2ToHttp1();
        Http2Headers h = new DefaultHttp2Headers(false).method("POST").scheme("http").authority("a").path("/up");
        assertEquals("POST /up HTTP/1.1\r\nhost: a\r\ntransfer-encoding: chunked\r\n\r\n", text(t.requestHead(ALLOC, 1, h, false)));
        assertEquals("5\r\nhello\r\n", text(t.data(ALLOC, Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII), false)));
        assertEquals("0\r\nx-sum: 42\r\n\r\n", text(t.trailers(ALLOC, 1, new DefaultHttp2Headers(false).add("x-sum", "42"))));
    }

    @Test
    void aBodyWithALengthPassesAsIs() throws Exception {
        Http2ToHttp1 t = new Http2ToHttp1();
        Http2Headers h = get("/").method("PUT").add("content-length", "5");
        assertTrue(text(t.requestHead(ALLOC, 1, h, false)).endsWith("content-length: 5\r\n\r\n"));
        assertEquals("hello", text(t.data(ALLOC, Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII), true)));
    }

    @Test
    void whatWouldBreakTheHttp11HeadIsAStreamError() throws Exception {
        Http2ToHttp1 t = new Http2ToHttp1();
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("/").add("x", "a\nb: c"), true));
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("/").add("x", "a\rb"), true));
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("/").add("x", "a\0b"), true));
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("/a b"), true));
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("/").method("G T"), true));
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("/").authority("a\r\nx: y"), true));
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, new DefaultHttp2Headers(false).method("GET"), true));
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("/").add("x: y\r\nupgrade", "websocket"),
                true), "a name that would write a header line of its own");
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("/").add("a b", "c"), true));
        assertThrows(Http2Exception.class, () -> t.requestHead(ALLOC, 1, get("http://internal.example/x"), true),
                "an absolute :path would name another host than :authority");
        Http2ToHttp1 chunked = new Http2ToHttp1();
        assertEquals("OPTIONS * HTTP/1.1\r\nhost: a.example\r\n\r\n",
                text(chunked.requestHead(ALLOC, 1, get("*").method("OPTIONS"), true)));
        chunked.requestHead(ALLOC, 3, get("/").method("POST"), false).release();
        assertThrows(Http2Exception.class, () -> chunked.trailers(ALLOC, 3, new DefaultHttp2Headers(false)
                .add("x\r\ny", "1")), "nor in trailers");
    }

    @Test
    void aChunkedResponseBecomesHeadersDataAndTrailers() throws Exception {
        Http1ToHttp2 t = Http1ToHttp2.response(false);
        List<Http2StreamFrame> frames = new ArrayList<>(t.translate(bytes(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive\r\n\r\n3\r\nabc\r\n")));
        frames.addAll(t.translate(bytes("2\r\nde\r\n0\r\nGrpc-Status: 0\r\n\r\n")));
        assertEquals(4, frames.size(), frames.toString());
        Http2Headers head = ((Http2HeadersFrame) frames.get(0)).headers();
        assertEquals("200", head.status().toString());
        assertEquals("text/plain", head.get("content-type").toString());
        assertNull(head.get("transfer-encoding"));
        assertNull(head.get("connection"));
        assertEquals("abc", text(((Http2DataFrame) frames.get(1)).content()));
        assertEquals("de", text(((Http2DataFrame) frames.get(2)).content()));
        Http2HeadersFrame trailers = (Http2HeadersFrame) frames.get(3);
        assertTrue(trailers.isEndStream());
        assertEquals("0", trailers.headers().get("grpc-status").toString());
        assertTrue(t.isEnded());
    }

    @Test
    void aHeadSplitAcrossWritesAndABodyWithALength() throws Exception {
        Http1ToHttp2 t = Http1ToHttp2.response(false);
        assertTrue(t.translate(bytes("HTTP/1.1 404 Not Found\r\nContent-Le")).isEmpty());
        List<Http2StreamFrame> frames = t.translate(bytes("ngth: 4\r\n\r\nnope"));
        assertEquals(2, frames.size());
        assertEquals("404", ((Http2HeadersFrame) frames.get(0)).headers().status().toString());
        assertFalse(((Http2HeadersFrame) frames.get(0)).isEndStream());
        Http2DataFrame data = (Http2DataFrame) frames.get(1);
        assertTrue(data.isEndStream());
        assertEquals("nope", text(data.content()));
    }

    @Test
    void interimResponsesAndHeadResponsesHaveNoBody() throws Exception {
        Http1ToHttp2 t = Http1ToHttp2.response(true);
        List<Http2StreamFrame> frames = t.translate(bytes(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n"));
        assertEquals(2, frames.size());
        assertEquals("100", ((Http2HeadersFrame) frames.get(0)).headers().status().toString());
        assertFalse(((Http2HeadersFrame) frames.get(0)).isEndStream());
        assertTrue(((Http2HeadersFrame) frames.get(1)).isEndStream(), "a HEAD response ends with its head");
        assertEquals("10", ((Http2HeadersFrame) frames.get(1)).headers().get("content-length").toString());
    }

    @Test
    void aBodyUntilCloseEndsWhenTheStreamCloses() throws Exception {
        Http1ToHttp2 t = Http1ToHttp2.response(false);
        List<Http2StreamFrame> frames = t.translate(bytes("HTTP/1.1 200 OK\r\n\r\nsome"));
        assertEquals("some", text(((Http2DataFrame) frames.get(1)).content()));
        assertTrue(t.endsAtClose());
        assertTrue(((Http2DataFrame) t.endAtClose()).isEndStream());
    }

    @Test
    void aRequestToAnHttp2ServerBecomesPseudoHeadersAndFrames() throws Exception {
        Http1ToHttp2 t = Http1ToHttp2.request("https");
        List<Http2StreamFrame> frames = t.translate(bytes("POST /up?x=1 HTTP/1.1\r\nHost: a.example\r\n"
                + "Connection: keep-alive\r\nTE: gzip\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nbody\r\n0\r\n\r\n"));
        Http2Headers head = ((Http2HeadersFrame) frames.get(0)).headers();
        assertEquals("POST", head.method().toString());
        assertEquals("https", head.scheme().toString());
        assertEquals("a.example", head.authority().toString());
        assertEquals("/up?x=1", head.path().toString());
        assertNull(head.get("host"));
        assertNull(head.get("connection"));
        assertNull(head.get("te"), "TE other than trailers is connection-specific");
        assertEquals(2, frames.size());
        Http2DataFrame data = (Http2DataFrame) frames.get(1);
        assertTrue(data.isEndStream(), "the last chunk's DATA ends the stream");
        assertEquals("body", text(data.content()));
        assertFalse(t.isHeadRequest());
    }

    @Test
    void anHttp2ResponseBecomesAnHttp11OneTheEngineCanFrame() throws Exception {
        Http2ToHttp1 t = new Http2ToHttp1();
        assertEquals("HTTP/1.1 200 \r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n",
                text(t.responseHead(ALLOC, 1, new DefaultHttp2Headers(false).status("200").add("content-type",
                        "text/plain"), false, false)));
        assertEquals("HTTP/1.1 204 \r\n\r\n", text(t.responseHead(ALLOC, 1,
                new DefaultHttp2Headers(false).status("204"), true, false)));
        assertEquals("HTTP/1.1 200 \r\ncontent-length: 0\r\n\r\n", text(t.responseHead(ALLOC, 1,
                new DefaultHttp2Headers(false).status("200"), true, false)), "an empty body, not one until close");
        assertEquals("HTTP/1.1 200 \r\ncontent-length: 10\r\n\r\n", text(t.responseHead(ALLOC, 1,
                new DefaultHttp2Headers(false).status("200").add("content-length", "10"), true, true)), "HEAD");
        assertThrows(Http2Exception.class, () -> t.responseHead(ALLOC, 1, new DefaultHttp2Headers(false)
                .status("200").add("set-cookie", "a\r\nx: y"), true, false), "no response splitting");
        assertThrows(Http2Exception.class, () -> t.responseHead(ALLOC, 1, new DefaultHttp2Headers(false), true,
                false), "no :status");
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }
}
