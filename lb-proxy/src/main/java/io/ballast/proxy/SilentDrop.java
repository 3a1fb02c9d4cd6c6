package io.ballast.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * {@code silent-drop}: closes a client connection so that, as far as the platform allows, the client is not told.
 * As HAProxy does on Linux: the data received is acknowledged at once (so that the client has nothing to send
 * again), then the socket is put in {@code TCP_REPAIR} mode, in which closing it sends nothing at all; the client
 * keeps a connection that no longer exists. {@code TCP_REPAIR} needs {@code CAP_NET_ADMIN}; without it, the socket's
 * TTL (hop limit) is cut to 1 so that the reset the close sends dies at the first router (it still reaches clients
 * on the local network). On the NIO transport (not Linux), neither option exists: the connection is reset.
 */
final class SilentDrop {

    private static final int IPPROTO_IP = 0;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_IPV6 = 41;
    private static final IntegerUnixChannelOption TCP_REPAIR =
            new IntegerUnixChannelOption("TCP_REPAIR", IPPROTO_TCP, 19);
    private static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", IPPROTO_IP, 2);
    private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
            new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", IPPROTO_IPV6, 16);

    private SilentDrop() {
    }

    /** Drops the client connection {@code client}; call on its event loop, with nothing left to write to it. */
    static void close(Channel client) {
        ChannelConfig config = client.config();
        // No lingering: never a FIN, and any unsent data is discarded.
        set(config, ChannelOption.SO_LINGER, 0);
        if (client instanceof EpollSocketChannel) {
            set(config, EpollChannelOption.TCP_QUICKACK, true);
            if (!set(config, TCP_REPAIR, 1)) {
                boolean v6 = client.remoteAddress() instanceof InetSocketAddress a
                        && a.getAddress() instanceof Inet6Address;
                set(config, v6 ? IPV6_UNICAST_HOPS : IP_TTL, 1);
            }
        }
        client.close();
    }

    /** Sets a socket option; false when the kernel refuses it (no privilege, or not for this socket). */
    private static <T> boolean set(ChannelConfig config, ChannelOption<T> option, T value) {
        try {
            return config.setOption(option, value);
        } catch (ChannelException e) {
            return false;
        }
    }
}
