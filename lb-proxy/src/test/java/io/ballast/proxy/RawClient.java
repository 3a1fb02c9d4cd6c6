package io.ballast.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

/** A test client that writes raw bytes and reads raw HTTP/1.1 responses, so that framing is visible. */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(SocketAddress address) throws IOException {
        this(connected(address));
    }

    /** A client on a socket already connected (a TLS one over a plain connection...). */
    RawClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    private static Socket connected(SocketAddress address) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 2000);
        return socket;
    }

    /** The client end's address: what the proxy sees as the client. */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    RawClient send(String s) throws IOException {
        return send(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] b) throws IOException {
        out.write(b);
        out.flush();
        return this;
    }

    /** Reads one response: head plus a Content-Length or chunked body (or until close). */
    Response read() throws IOException {
        String head = readHead();
        int status = Integer.parseInt(head.substring(9, 12));
        String lower = head.toLowerCase();
        byte[] body;
        int cl = lower.indexOf("\ncontent-length:");
        if (lower.contains("\ntransfer-encoding: chunked")) {
            body = readChunked();
        } else if (cl >= 0) {
            int end = lower.indexOf('\r', cl + 1);
            body = in.readNBytes(Integer.parseInt(head.substring(cl + 16, end).trim()));
        } else if (status == 204 || status == 304 || status < 200) {
            body = new byte[0];
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, head, new String(body, StandardCharsets.ISO_8859_1));
    }

    /** Reads a HEAD response, which has no body whatever its headers say. */
    Response readHeadOnly() throws IOException {
        String head = readHead();
        return new Response(Integer.parseInt(head.substring(9, 12)), head, "");
    }

    /** Reads four raw bytes (tunnelled data). */
    String read4() throws IOException {
        return new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection (reads to the end), cleanly or with a reset. */
    boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return e.getMessage() != null && e.getMessage().contains("reset");
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            byte[] a = b.toByteArray();
            int n = a.length;
            if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
                break;
            }
        }
        if (b.size() == 0) {
            throw new IOException("connection closed before a response");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = readLine();
            int size = Integer.parseInt(line.split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        StringBuilder s = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new IOException("eof");
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static SocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    record Response(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
