package io.ballast.proxy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/** A syslog server on a free loopback UDP port, for tests that read the log lines Ballast sends. */
final class SyslogReceiver implements AutoCloseable {

    private final DatagramSocket socket;

    SyslogReceiver() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(5000);
    }

    /** The UDP port to write in a {@code log 127.0.0.1:<port>} line. */
    int port() {
        return socket.getLocalPort();
    }

    /** The next datagram as sent, priority and header included; fails after 5 s without one. */
    String next() throws IOException {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        socket.receive(p);
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        socket.close();
    }
}
