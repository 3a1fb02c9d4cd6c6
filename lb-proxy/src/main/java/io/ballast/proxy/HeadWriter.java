package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;

/**
 * Writes the head that goes out on the other side: the start line and headers copied byte for byte,
 * hop-by-hop connection headers replaced by what this hop needs, and {@code X-Forwarded-For} appended.
 * With chunked framing Content-Length is dropped, so both are never forwarded together.
 */
final class HeadWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CONN_CLOSE = "Connection: close\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONN_KEEP_ALIVE = "Connection: keep-alive\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONN_UPGRADE = "Connection: upgrade\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What the outgoing head says about the connection it travels on. */
    enum ConnectionHeader { NONE, CLOSE, KEEP_ALIVE, UPGRADE }

    private HeadWriter() {
    }

    /**
     * @param extraName  a header to append (X-Forwarded-For), or {@code null}
     * @param extraValue its value
     */
    static ByteBuf write(ByteBufAllocator alloc, HttpHead head, ConnectionHeader connection,
                         AsciiString extraName, byte[] extraValue) {
        ByteBuf src = head.bytes();
        ByteBuf out = alloc.directBuffer(src.readableBytes() + 64);
        out.writeBytes(src, 0, head.startLineEnd()).writeBytes(CRLF);
        for (int i = 0; i < head.headerCount(); i++) {
            int kind = head.kind(i);
            if (kind == HttpHead.KIND_HOP_BY_HOP || (kind == HttpHead.KIND_CONTENT_LENGTH && head.isChunked())) {
                continue;
            }
            out.writeBytes(src, head.nameStart(i), head.valueEnd(i) - head.nameStart(i)).writeBytes(CRLF);
        }
        return finish(out, connection, extraName, extraValue);
    }

    /**
     * Like {@link #write}, for a head whose start line or headers rules changed.
     *
     * @param startLine the start line without its line terminator
     * @param headers   the header lines after the edits
     */
    static ByteBuf writeEdited(ByteBufAllocator alloc, HttpHead head, String startLine, EditedHeaders headers,
                               ConnectionHeader connection, AsciiString extraName, byte[] extraValue) {
        ByteBuf out = alloc.directBuffer(head.bytes().readableBytes() + 256);
        out.writeCharSequence(startLine, StandardCharsets.ISO_8859_1);
        out.writeBytes(CRLF);
        for (int i = 0; i < headers.size(); i++) {
            int kind = headers.kind(i);
            if (kind == HttpHead.KIND_HOP_BY_HOP || (kind == HttpHead.KIND_CONTENT_LENGTH && head.isChunked())) {
                continue;
            }
            out.writeCharSequence(headers.name(i), StandardCharsets.ISO_8859_1);
            out.writeByte(':').writeByte(' ');
            out.writeCharSequence(headers.value(i), StandardCharsets.ISO_8859_1);
            out.writeBytes(CRLF);
        }
        return finish(out, connection, extraName, extraValue);
    }

    private static ByteBuf finish(ByteBuf out, ConnectionHeader connection, AsciiString extraName,
                                  byte[] extraValue) {
        switch (connection) {
            case CLOSE -> out.writeBytes(CONN_CLOSE);
            case KEEP_ALIVE -> out.writeBytes(CONN_KEEP_ALIVE);
            case UPGRADE -> out.writeBytes(CONN_UPGRADE);
            case NONE -> { }
        }
        if (extraName != null) {
            out.writeCharSequence(extraName, StandardCharsets.US_ASCII);
            out.writeByte(':').writeByte(' ').writeBytes(extraValue).writeBytes(CRLF);
        }
        return out.writeBytes(CRLF);
    }
}
