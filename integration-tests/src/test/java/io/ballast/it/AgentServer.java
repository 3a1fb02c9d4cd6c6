package io.ballast.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An HAProxy agent ({@code agent-check}) on a free loopback port: every connection gets the current reply
 * (for example {@code 75%}, {@code drain}, {@code up}) followed by a newline, and is closed, as
 * {@code agent-check} expects. The reply can be changed at any time.
 */
final class AgentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;
    private String reply;
    private long servedAt; // System.nanoTime when the current reply was first sent, 0 until then

    AgentServer(String initialReply) {
        reply(initialReply);
        try {
            socket = new ServerSocket(0, 50, InetAddress.getByName(Net.LOOPBACK));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        thread = new Thread(this::serve, "agent-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** What the next agent checks will read (without the trailing newline). */
    synchronized void reply(String line) {
        reply = line;
        servedAt = 0;
    }

    private synchronized String current() {
        return reply;
    }

    private synchronized void served(String line) {
        if (line.equals(reply) && servedAt == 0) {
            servedAt = System.nanoTime();
        }
    }

    private synchronized long servedAt() {
        return servedAt;
    }

    /** Waits until an agent check has read the current reply; returns when (System.nanoTime). */
    long awaitServed(Duration timeout) {
        Net.await(() -> servedAt() != 0, timeout, () -> "an agent check on port " + port() + " to read \"" + current() + "\"");
        return servedAt();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                String line = current();
                s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                served(line);
            } catch (IOException e) {
                // closed by close(), or one failed exchange (the checker went away): keep serving unless closed
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            thread.join(2_000);
        } catch (IOException ignored) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
