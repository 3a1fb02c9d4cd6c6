package io.ballast.proxy.log;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/** Syslog over UDP through a non-blocking channel: a full socket buffer or a network error drops the line. */
final class UdpSink implements LogSink {

    private final DatagramChannel channel;
    private final InetSocketAddress target;

    /** Opens an unbound, non-blocking channel of {@code target}'s address family. */
    UdpSink(InetSocketAddress target) throws IOException {
        this.target = target;
        boolean v6 = target.getAddress() instanceof java.net.Inet6Address;
        channel = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.configureBlocking(false);
    }

    @Override
    public boolean send(ByteBuffer line) {
        try {
            return channel.send(line, target) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public String toString() {
        return "udp@" + target;
    }
}
