package io.ballast.launcher;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * systemd's readiness protocol ({@code sd_notify}), for {@code -Ws} under a {@code Type=notify} unit: datagrams to
 * the socket named by {@code $NOTIFY_SOCKET} saying {@code READY=1} once the listeners are bound, {@code RELOADING=1}
 * while a reload runs (with {@code MONOTONIC_USEC}, which {@code Type=notify-reload} asks for), and
 * {@code STOPPING=1}. A message that cannot be sent is dropped: systemd then times the start out, which says more
 * than a failure here would.
 */
final class SystemdNotifier {

    private final byte[] path;
    private final Socket socket;

    private SystemdNotifier(byte[] path, Socket socket) {
        this.path = path;
        this.socket = socket;
    }

    /**
     * The notifier of {@code $NOTIFY_SOCKET}, or {@code null} when it is not set (not started by systemd) or cannot
     * be used (no native transport); {@code console} then says why, when it matters.
     */
    static SystemdNotifier fromEnvironment(Map<String, String> env, Console console) {
        String address = env.get("NOTIFY_SOCKET");
        if (address == null || address.isEmpty()) {
            return null;
        }
        if (!Epoll.isAvailable()) {
            console.warning("-Ws: cannot notify systemd without the native epoll transport: "
                    + Epoll.unavailabilityCause());
            return null;
        }
        byte[] bytes = address.getBytes(StandardCharsets.UTF_8);
        if (bytes[0] == '@') {
            bytes[0] = 0; // an abstract socket, as systemd writes it
        }
        return new SystemdNotifier(bytes, Socket.newSocketDomainDgram());
    }

    /** The listeners are bound: the service has started, or a reload is over. */
    void ready() {
        send("READY=1\nMAINPID=" + ProcessHandle.current().pid() + "\n");
    }

    /** A reload starts. */
    void reloading() {
        send("RELOADING=1\nMONOTONIC_USEC=" + TimeUnit.NANOSECONDS.toMicros(System.nanoTime()) + "\n");
    }

    /** The process is stopping. */
    void stopping() {
        send("STOPPING=1\n");
    }

    private synchronized void send(String message) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(message.length());
        buffer.put(message.getBytes(StandardCharsets.US_ASCII)).flip();
        try {
            socket.sendToDomainSocket(buffer, 0, buffer.limit(), path);
        } catch (IOException e) {
            // dropped, see the class comment
        }
    }
}
