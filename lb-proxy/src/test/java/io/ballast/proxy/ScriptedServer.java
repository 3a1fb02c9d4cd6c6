package io.ballast.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw TCP server that plays a script per connection, to make a server misbehave on purpose (answer
 * half a head, close after a 100 Continue...). It records every request head it reads.
 */
final class ScriptedServer implements AutoCloseable {

    /** What to do on one accepted connection. */
    @FunctionalInterface
    interface Script {
        void run(Connection connection) throws IOException;
    }

    /** One accepted connection, with helpers to read heads and write raw bytes. */
    final class Connection {
        final Socket socket;
        private final InputStream in;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        /** Reads one request head (up to the empty line) and records it; null at end of stream. */
        String readHead() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                b.write(c);
                String s = b.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r\n\r\n")) {
                    heads.add(s);
                    return s;
                }
            }
            return null;
        }

        byte[] readBytes(int n) throws IOException {
            return in.readNBytes(n);
        }

        byte[] readToEnd() throws IOException {
            return in.readAllBytes();
        }

        void write(String s) throws IOException {
            socket.getOutputStream().write(s.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        }
    }

    final List<String> heads = new CopyOnWriteArrayList<>();
    private final ServerSocket server;

    /** Plays {@code scripts[i]} on the i-th connection (the last one for any further connection). */
    ScriptedServer(Script... scripts) throws IOException {
        this(InetAddress.getLoopbackAddress(), 0, scripts);
    }

    ScriptedServer(InetAddress address, int port, Script... scripts) throws IOException {
        server = new ServerSocket(port, 50, address);
        Thread acceptor = new Thread(() -> {
            for (int i = 0; ; i++) {
                try {
                    Socket s = server.accept();
                    Script script = scripts[Math.min(i, scripts.length - 1)];
                    Thread t = new Thread(() -> {
                        try (s) {
                            script.run(new Connection(s));
                        } catch (IOException ignored) {
                            // the client side of the test asserts the outcome
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
