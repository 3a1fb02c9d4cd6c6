package io.ballast.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;

import java.nio.channels.spi.SelectorProvider;

/**
 * The I/O transport: native epoll on Linux, Java NIO elsewhere. UNIX sockets and inherited listening
 * sockets ({@code fd@}) need epoll.
 */
final class Transport {

    private final boolean epoll;
    private final EventLoopGroup group;
    /** The channels of server connections instead of TCP sockets, or {@code null}: see {@link #embedded}. */
    private final ChannelFactory<? extends Channel> connector;

    private Transport(boolean epoll, EventLoopGroup group, ChannelFactory<? extends Channel> connector) {
        this.epoll = epoll;
        this.group = group;
        this.connector = connector;
    }

    /** @param threads event loops to run; 0 for one per available core */
    static Transport create(int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        DefaultThreadFactory names = new DefaultThreadFactory("ballast-loop", false);
        if (Epoll.isAvailable()) {
            return new Transport(true, new EpollEventLoopGroup(n, names), null);
        }
        return new Transport(false, new NioEventLoopGroup(n, names), null);
    }

    /**
     * Lets benchmarks and tests run client sessions on embedded channels, with no socket or thread: server
     * connections are {@code connector}'s channels (registered on the client's loop, as always), and the event
     * loop the engine owns stays idle.
     */
    static Transport embedded(ChannelFactory<? extends Channel> connector) {
        return new Transport(false, new DefaultEventLoopGroup(1), connector);
    }

    String name() {
        return epoll ? "epoll" : "nio";
    }

    /** The event loops it runs. */
    int threads() {
        int n = 0;
        for (io.netty.util.concurrent.EventExecutor ignored : group) {
            n++;
        }
        return n;
    }

    EventLoopGroup group() {
        return group;
    }

    /**
     * A TCP listener of one address family. IPv4 listeners get IPv4 sockets: the default socket of both
     * transports is IPv6, which bound to 0.0.0.0 would also accept IPv6 clients, unlike HAProxy.
     */
    ChannelFactory<? extends ServerChannel> inetServer(InternetProtocolFamily family) {
        return epoll ? () -> new EpollServerSocketChannel(family)
                : () -> new NioServerSocketChannel(SelectorProvider.provider(), family);
    }

    ChannelFactory<? extends Channel> inetClient() {
        if (connector != null) {
            return connector;
        }
        return epoll ? EpollSocketChannel::new : NioSocketChannel::new;
    }

    /**
     * TCP client channels of one address family: an IPv4 server gets an IPv4 socket, which spares the
     * {@code IPV6_V6ONLY} option call and the mapped address that the default (IPv6) socket needs.
     */
    ChannelFactory<? extends Channel> inetClient(InternetProtocolFamily family) {
        if (connector != null) {
            return connector;
        }
        return epoll ? () -> new EpollSocketChannel(family)
                : () -> new NioSocketChannel(SelectorProvider.provider(), family);
    }

    ChannelFactory<? extends ServerChannel> unixServer() {
        requireEpoll("UNIX socket listeners");
        return EpollServerDomainSocketChannel::new;
    }

    ChannelFactory<? extends Channel> unixClient() {
        return epoll ? EpollDomainSocketChannel::new : null;
    }

    /** A listener on an inherited, already bound and listening socket. */
    ChannelFactory<? extends ServerChannel> inheritedServer(int fd) {
        requireEpoll("fd@ listeners");
        return () -> new EpollServerSocketChannel(fd);
    }

    /**
     * Makes a new, not yet registered channel read from the start. An epoll channel then enters the epoll set
     * with {@code EPOLLIN} in one {@code epoll_ctl} call; otherwise Netty registers it without, and adds
     * {@code EPOLLIN} with a second call when the channel becomes active and reads: one system call per connection
     * saved, on each side. Other transports keep their own way (NIO can only read once registered).
     */
    static void readFromRegistration(Channel channel) {
        if (channel instanceof AbstractEpollStreamChannel && !channel.isRegistered()) {
            channel.unsafe().beginRead();
        }
    }

    /**
     * Closes a connection, a plain TCP one with two system calls fewer. Netty's epoll channel, closing a socket that
     * is still open, first reads its {@code SO_LINGER} and removes it from the epoll set, which {@code close(2)}
     * does anyway; closed first, the socket is no longer open and the channel only runs its close events. Data not
     * yet written is dropped either way, as by {@link Channel#close()}. A TLS connection closes through its
     * pipeline, whose {@code SslHandler} sends a {@code close_notify}; another thread than the channel's own never
     * closes the descriptor under it.
     */
    static ChannelFuture close(Channel channel) {
        if (channel instanceof EpollSocketChannel socket && socket.eventLoop().inEventLoop()
                && channel.pipeline().get(SslHandler.class) == null) {
            try {
                socket.fd().close();
            } catch (IOException e) {
                // the channel's own close, below, is what callers watch
            }
        }
        return channel.close();
    }

    private void requireEpoll(String what) {
        if (!epoll) {
            throw new IllegalStateException(what + " need the native epoll transport, which is not available here: "
                    + Epoll.unavailabilityCause());
        }
    }
}
