package io.ballast.proxy;

import io.ballast.core.config.FrontendConfig;
import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;

/**
 * {@code option tcp-smart-accept}: quick ACKs off on a TCP listening socket, which the connections it accepts
 * inherit, so that the kernel does not acknowledge a request at once but with the response that follows it: one
 * packet fewer per connection, as HAProxy does by default in {@code mode http}. Linux only (the epoll
 * transport); the option has to be set once the socket listens, as {@code listen()} resets it.
 */
final class SmartAccept {

    /** {@code setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, ...)}, which Netty offers for connections but not listeners. */
    private static final IntegerUnixChannelOption TCP_QUICKACK =
            new IntegerUnixChannelOption("TCP_QUICKACK", 6 /* IPPROTO_TCP */, 12 /* TCP_QUICKACK */);

    private SmartAccept() {
    }

    /**
     * Sets the option on {@code listener} for the frontend {@code next}: on a new listener ({@code previous} is
     * {@code null}) when that frontend wants it, on a listener handed over by a reload when the setting changes.
     */
    static void apply(Channel listener, FrontendConfig previous, FrontendConfig next) {
        if (listener instanceof EpollServerSocketChannel && (previous == null
                ? next.smartAccept() : previous.smartAccept() != next.smartAccept())) {
            listener.config().setOption(TCP_QUICKACK, next.smartAccept() ? 0 : 1);
        }
    }
}
