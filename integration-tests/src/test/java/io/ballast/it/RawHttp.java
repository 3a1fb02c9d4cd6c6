package io.ballast.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal HTTP/1.1 client over a plain socket, so the tests control {@code Connection} headers and
 * connection reuse exactly and see the bytes as sent (no client-side decoding or header rewriting).
 */
final class RawHttp implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int port;
    private boolean reusable = true;

    RawHttp(int port) {
        this.port = port;
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(Net.LOOPBACK, port), 5_000);
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("connect to 127.0.0.1:" + port, e);
        }
    }

    /** One request on a fresh connection with {@code Connection: close}. */
    static Response getClose(int port, String path) {
        try (RawHttp c = new RawHttp(port)) {
            return c.get(path, true);
        }
    }

    /** GET {@code path}; {@code close} adds {@code Connection: close}, otherwise the connection is kept. */
    Response get(String path, boolean close) {
        return send("GET", path, close ? Map.of("Connection", "close") : Map.of());
    }

    Response send(String method, String path, Map<String, String> headers) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        all.add(Map.entry("Host", "127.0.0.1:" + port));
        all.add(Map.entry("User-Agent", "ballast-it"));
        all.addAll(headers.entrySet());
        return exchange(method, path, all, "");
    }

    /**
     * Sends exactly {@code method target HTTP/1.1} with {@code headers} in order (nothing added but a
     * {@code Content-Length} when {@code body} is not empty) and reads the response.
     */
    Response exchange(String method, String target, List<Map.Entry<String, String>> headers, String body) {
        if (!reusable) {
            throw new IllegalStateException("connection was closed by the server after the previous response");
        }
        StringBuilder req = new StringBuilder();
        req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        headers.forEach(h -> req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        if (content.length > 0) {
            req.append("Content-Length: ").append(content.length).append("\r\n");
        }
        req.append("\r\n");
        try {
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            Response r = readResponse(method.equals("HEAD"));
            boolean requestedClose = headers.stream()
                    .anyMatch(h -> h.getKey().equalsIgnoreCase("Connection") && h.getValue().equalsIgnoreCase("close"));
            reusable = !requestedClose && r.keepsAlive();
            return r;
        } catch (IOException e) {
            reusable = false;
            throw new UncheckedIOException(method + " " + target + " via 127.0.0.1:" + port, e);
        }
    }

    boolean reusable() {
        return reusable;
    }

    /**
     * The connection was closed (or reset) before the first byte of a response: on a reused keep-alive
     * connection that is the case in which an HTTP client may resend an idempotent request (RFC 9112 §9.3.1).
     */
    static final class ClosedBeforeResponse extends IOException {
        ClosedBeforeResponse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private void awaitFirstByte() throws IOException {
        in.mark(1);
        try {
            if (in.read() < 0) {
                throw new ClosedBeforeResponse("connection closed before any byte of a response", null);
            }
        } catch (java.net.SocketException e) {
            throw new ClosedBeforeResponse("connection reset before any byte of a response", e);
        }
        in.reset();
    }

    private Response readResponse(boolean head) throws IOException {
        awaitFirstByte();
        String statusLine = readLine();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("bad status line: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        List<Map.Entry<String, String>> hs = new ArrayList<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            hs.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        Response noBody = new Response(parts[0], status, parts.length > 2 ? parts[2] : "", hs, new byte[0]);
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            return noBody;
        }
        byte[] body;
        Optional<String> te = noBody.header("Transfer-Encoding");
        Optional<String> cl = noBody.header("Content-Length");
        if (te.isPresent() && te.get().toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked();
        } else if (cl.isPresent()) {
            body = in.readNBytes(Integer.parseInt(cl.get()));
        } else {
            body = in.readAllBytes();
            reusable = false;
        }
        return new Response(noBody.version(), status, noBody.reason(), hs, body);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return b.toByteArray();
            }
            b.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("connection closed after " + b.size() + " bytes of a line: "
                        + b.toString(StandardCharsets.ISO_8859_1));
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** A parsed response; header names compare case-insensitively. */
    record Response(String version, int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean keepsAlive() {
            String conn = header("Connection").orElse("").toLowerCase(Locale.ROOT);
            if (version.equals("HTTP/1.0")) {
                return conn.contains("keep-alive");
            }
            return !conn.contains("close");
        }

        /** Which ApacheServer (web01, web02...) served it, from the index page; {@code "?"} for another page. */
        String servedBy() {
            String text = bodyText();
            int start = text.indexOf("<h1>");
            int end = start < 0 ? -1 : text.indexOf("</h1>", start);
            String heading = end < 0 ? "" : text.substring(start + 4, end);
            return heading.matches("web\\d+") ? heading : "?"; // ApacheServer's pages, not error pages
        }

        @Override
        public String toString() {
            return version + " " + status + " " + reason + " " + headers + " body=" + body.length + "B";
        }
    }
}
