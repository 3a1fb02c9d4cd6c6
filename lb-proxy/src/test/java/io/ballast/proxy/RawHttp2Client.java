package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Headers;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A clear-text HTTP/2 client that writes frames byte by byte, so that tests can send what no well-behaved client
 * would (resets in a flood, endless CONTINUATION, malformed headers) and see every frame the server answers. HPACK
 * comes from Netty's encoder and decoder.
 */
final class RawHttp2Client implements AutoCloseable {

    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int WINDOW_UPDATE = 0x8;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int END_HEADERS = 0x4;
    static final int ENHANCE_YOUR_CALM = 0xb;

    /** One frame received. */
    record Frame(int type, int flags, int streamId, byte[] payload) {
        boolean endStream() {
            return (flags & END_STREAM) != 0 && (type == DATA || type == HEADERS);
        }

        /** The error code of a RST_STREAM or GOAWAY. */
        int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return ((payload[at] & 0xff) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                    | (payload[at + 3] & 0xff);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();
    private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);

    /** Connects and sends the client preface with an empty SETTINGS frame. */
    RawHttp2Client(SocketAddress address) throws IOException {
        socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** A GET of {@code path} on stream {@code id}, ending the stream. */
    void get(int id, String path) throws IOException {
        headers(id, request("GET", path), true);
    }

    static Http2Headers request(String method, String path) {
        return new DefaultHttp2Headers(false).method(method).scheme("http").authority("test.example").path(path);
    }

    /** A HEADERS frame with END_HEADERS. */
    void headers(int id, Http2Headers headers, boolean endStream) throws IOException {
        frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), id, encode(id, headers));
    }

    byte[] encode(int id, Http2Headers headers) {
        ByteBuf block = Unpooled.buffer();
        try {
            encoder.encodeHeaders(id, headers, block);
            byte[] bytes = new byte[block.readableBytes()];
            block.readBytes(bytes);
            return bytes;
        } catch (io.netty.handler.codec.http2.Http2Exception e) {
            throw new IllegalStateException(e);
        } finally {
            block.release();
        }
    }

    void data(int id, byte[] payload, boolean endStream) throws IOException {
        frame(DATA, endStream ? END_STREAM : 0, id, payload);
    }

    /**
     * Sends {@code size} bytes of body on stream {@code id}, ending it, within the flow-control windows the server
     * grants (65535 bytes each at first, then its WINDOW_UPDATE frames); frames of other kinds read meanwhile are
     * dropped. Fails with a read timeout if the server stops granting.
     */
    void upload(int id, long size) throws IOException {
        long connectionWindow = 65535;
        long streamWindow = 65535;
        byte[] chunk = new byte[16384];
        java.util.Arrays.fill(chunk, (byte) 'u');
        for (long left = size; left > 0; ) {
            int n = (int) Math.min(Math.min(chunk.length, left), Math.min(connectionWindow, streamWindow));
            if (n <= 0) {
                Frame f = read();
                if (f == null) {
                    throw new SocketTimeoutException("no WINDOW_UPDATE with " + left + " bytes left to send");
                }
                if (f.type() == WINDOW_UPDATE) {
                    int increment = ((f.payload()[0] & 0x7f) << 24) | ((f.payload()[1] & 0xff) << 16)
                            | ((f.payload()[2] & 0xff) << 8) | (f.payload()[3] & 0xff);
                    if (f.streamId() == 0) {
                        connectionWindow += increment;
                    } else if (f.streamId() == id) {
                        streamWindow += increment;
                    }
                }
                continue;
            }
            left -= n;
            data(id, n == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, n), left == 0);
            connectionWindow -= n;
            streamWindow -= n;
        }
    }

    void reset(int id, int errorCode) throws IOException {
        frame(RST_STREAM, 0, id, int32(errorCode));
    }

    void windowUpdate(int id, int increment) throws IOException {
        frame(WINDOW_UPDATE, 0, id, int32(increment));
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        byte[] head = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (streamId >>> 24), (byte) (streamId >>> 16), (byte) (streamId >>> 8),
                (byte) streamId};
        out.write(head);
        out.write(payload);
        out.flush();
    }

    /** The next frame, or {@code null} once the server closed the connection (or after a read timeout). */
    Frame read() throws IOException {
        try {
            int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int id = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame(type, flags, id, payload);
        } catch (EOFException | SocketTimeoutException | java.net.SocketException e) {
            return null;
        }
    }

    /** The next frame of {@code type} (on any stream), skipping others; {@code null} if the connection ended first. */
    Frame next(int type) throws IOException {
        for (Frame f = read(); f != null; f = read()) {
            if (f.type() == type) {
                return f;
            }
        }
        return null;
    }

    /** Decodes a HEADERS frame's block (which must not continue in CONTINUATION frames). */
    Http2Headers decode(Frame frame) {
        ByteBuf block = Unpooled.wrappedBuffer(frame.payload());
        try {
            return decoder.decodeHeaders(frame.streamId(), block);
        } catch (io.netty.handler.codec.http2.Http2Exception e) {
            throw new IllegalStateException(e);
        } finally {
            block.release();
        }
    }

    /** Reads until stream {@code id} ends, and returns its response: status line of headers, then the body. */
    Response response(int id) throws IOException {
        Http2Headers headers = null;
        StringBuilder body = new StringBuilder();
        for (Frame f = read(); f != null; f = read()) {
            if (f.streamId() != id) {
                continue;
            }
            if (f.type() == HEADERS && headers == null) {
                headers = decode(f);
            } else if (f.type() == DATA) {
                body.append(new String(f.payload(), StandardCharsets.ISO_8859_1));
            } else if (f.type() == RST_STREAM) {
                return new Response(headers, body.toString(), f.errorCode());
            }
            if (f.endStream()) {
                return new Response(headers, body.toString(), -1);
            }
        }
        throw new EOFException("connection closed before stream " + id + " ended");
    }

    /** A response: its headers, its body, and the RST_STREAM error code if it was reset ({@code -1} if not). */
    record Response(Http2Headers headers, String body, int resetCode) {
        String status() {
            return headers == null ? null : headers.status().toString();
        }
    }

    /** Whether the server closes the connection within {@code millis}, whatever frames come before. */
    boolean closedWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedByte() << 8 | in.readUnsignedByte();
                in.skipNBytes(6L + length);
            }
        } catch (EOFException | java.net.SocketException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Sends FIN: the client will send nothing more. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
