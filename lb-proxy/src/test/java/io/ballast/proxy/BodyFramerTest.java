package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyFramerTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void lengthStopsAtTheEndOfTheBody() throws Exception {
        BodyFramer f = BodyFramer.ofLength(5);
        assertEquals(3, f.frame(bytes("abc")));
        assertFalse(f.isDone());
        assertEquals(2, f.frame(bytes("deGET /next")));
        assertTrue(f.isDone());
    }

    @Test
    void chunkedBodyWithExtensionAndTrailersEndsExactly() throws Exception {
        String body = "4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\nExpires: never\r\n\r\n";
        BodyFramer f = BodyFramer.chunked();
        assertEquals(body.length(), f.frame(bytes(body + "GET / HTTP/1.1")));
        assertTrue(f.isDone());
    }

    @Test
    void chunkedBodyAcrossManyReads() throws Exception {
        String body = "a\r\n0123456789\r\n0\r\n\r\n";
        BodyFramer f = BodyFramer.chunked();
        int total = 0;
        for (char c : body.toCharArray()) {
            total += f.frame(bytes(String.valueOf(c)));
        }
        assertEquals(body.length(), total);
        assertTrue(f.isDone());
    }

    @Test
    void badChunkSizeIsRejected() {
        assertThrows(HttpParseException.class, () -> BodyFramer.chunked().frame(bytes("zz\r\n")));
        assertThrows(HttpParseException.class, () -> BodyFramer.chunked().frame(bytes("\r\n")));
    }

    @Test
    void chunkSizeOverflowIsRejected() {
        assertThrows(HttpParseException.class, () -> BodyFramer.chunked().frame(bytes("fffffffffffffffff\r\n")));
    }

    @Test
    void missingCrlfAfterChunkDataIsRejected() {
        assertThrows(HttpParseException.class, () -> BodyFramer.chunked().frame(bytes("1\r\nab\r\n")));
    }

    @Test
    void untilCloseTakesEverything() throws Exception {
        BodyFramer f = BodyFramer.untilClose();
        assertEquals(4, f.frame(bytes("data")));
        assertFalse(f.isDone());
    }
}
