package io.ballast.proxy.log;

import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Syslog over a unix datagram socket ({@code /dev/log}), which the JDK cannot open: a non-blocking socket of
 * Netty's native transport, written by the thread that logs, as HAProxy does: one {@code sendto} per line and no
 * hand-off to another thread (waking a log thread for each line cost more than the line). A full queue at the
 * reader, or no reader, drops the line.
 */
final class UnixDatagramSink implements LogSink {

    private final Socket socket;
    private final String path;
    private final byte[] target;
    private volatile boolean closed;

    /**
     * Opens an unbound socket; the native transport must be loaded ({@code Epoll.isAvailable()}).
     *
     * @param path the socket to send to; it may not exist yet
     */
    UnixDatagramSink(String path) {
        this.path = path;
        this.target = path.getBytes(StandardCharsets.UTF_8);
        this.socket = Socket.newSocketDomainDgram();
    }

    @Override
    public boolean send(ByteBuffer line) {
        if (closed) {
            return false;
        }
        // The native call reads the bytes in place, which only a direct buffer allows.
        ByteBuffer bytes = line.isDirect() ? line : ByteBuffer.allocateDirect(line.remaining()).put(line.duplicate()).flip();
        try {
            return socket.sendToDomainSocket(bytes, bytes.position(), bytes.limit(), target) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "unix@" + path;
    }
}
