package io.ballast.proxy.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A runtime API client over a real UNIX or TCP socket, as {@code socat} would be, with read timeouts. */
final class CliClient implements AutoCloseable {

    private static final long TIMEOUT_MS = 5000;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closed;

    private CliClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    static CliClient unix(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        return new CliClient(c);
    }

    static CliClient tcp(int port) throws IOException {
        SocketAddress address = new InetSocketAddress("127.0.0.1", port);
        return new CliClient(SocketChannel.open(address));
    }

    /** Sends {@code text} as is. */
    CliClient send(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
        return this;
    }

    /** Shuts the sending side, as {@code socat} does at the end of its input. */
    CliClient shutdownOutput() throws IOException {
        channel.shutdownOutput();
        return this;
    }

    /** Everything until the server closes. */
    String readToEnd() throws IOException {
        while (!closed) {
            readSome();
        }
        return take();
    }

    /** Everything until what was received ends with {@code suffix}. */
    String readUntil(String suffix) throws IOException {
        while (!received.toString(StandardCharsets.UTF_8).endsWith(suffix)) {
            if (closed) {
                throw new IOException("closed before '" + suffix + "'; got: " + received.toString(StandardCharsets.UTF_8));
            }
            readSome();
        }
        return take();
    }

    /** Whether the server closed the connection within {@code ms}, with nothing more sent. */
    boolean closedWithin(long ms) throws IOException {
        long deadline = System.currentTimeMillis() + ms;
        while (!closed && System.currentTimeMillis() < deadline) {
            if (selector.select(Math.max(1, deadline - System.currentTimeMillis())) > 0) {
                selector.selectedKeys().clear();
                read();
            }
        }
        return closed && received.size() == 0;
    }

    private void readSome() throws IOException {
        if (selector.select(TIMEOUT_MS) == 0) {
            throw new IOException("nothing received for " + TIMEOUT_MS + " ms; got so far: "
                    + received.toString(StandardCharsets.UTF_8));
        }
        selector.selectedKeys().clear();
        read();
    }

    private void read() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(65536);
        int n;
        try {
            n = channel.read(b);
        } catch (IOException e) {
            n = -1; // reset by the server
        }
        if (n < 0) {
            closed = true;
        } else {
            received.write(b.array(), 0, n);
        }
    }

    private String take() {
        String s = received.toString(StandardCharsets.UTF_8);
        received.reset();
        return s;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
