package io.ballast.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.DomainSocketReadMode;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Listening TCP sockets taken over from the process this one replaces, as HAProxy's {@code -x} does: the old process
 * sends them through its runtime API ({@code stats socket ... expose-fd listeners}, command {@code _getsocks}), and
 * the new one listens on those very sockets instead of binding new ones. Connections waiting in their accept queues
 * are then accepted by whichever process gets to them first, and none is refused or reset while the old process
 * stops (HAProxy's {@code -sf}).
 */
public final class InheritedListeners implements AutoCloseable {

    private final Map<SocketAddress, Integer> byAddress;

    private InheritedListeners(Map<SocketAddress, Integer> byAddress) {
        this.byAddress = byAddress;
    }

    /** No socket to take over: every listener is bound anew. */
    public static InheritedListeners none() {
        return new InheritedListeners(new LinkedHashMap<>());
    }

    /**
     * Asks the process whose runtime API listens on {@code statsSocket} for its listening sockets.
     *
     * @throws IOException when the socket cannot be reached, the native transport is missing, or nothing comes back
     *                     in time (the old process's socket lacks {@code expose-fd listeners} or {@code level admin})
     */
    public static InheritedListeners fetch(Path statsSocket, Duration timeout) throws IOException {
        if (!Epoll.isAvailable()) {
            throw new IOException("taking listeners over needs the native epoll transport: " + Epoll.unavailabilityCause());
        }
        List<Integer> received = new ArrayList<>();
        EventLoopGroup loop = new EpollEventLoopGroup(1, new DefaultThreadFactory("ballast-takeover", true));
        try {
            Channel channel = new Bootstrap().group(loop).channel(EpollDomainSocketChannel.class)
                    .option(EpollChannelOption.DOMAIN_SOCKET_READ_MODE, DomainSocketReadMode.FILE_DESCRIPTORS)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            if (msg instanceof FileDescriptor fd) {
                                received.add(fd.intValue());
                            } else {
                                ReferenceCountUtil.release(msg);
                            }
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            ctx.close();
                        }
                    })
                    .connect(new DomainSocketAddress(statsSocket.toString())).syncUninterruptibly().channel();
            channel.writeAndFlush(channel.alloc().buffer().writeBytes("_getsocks\n".getBytes(StandardCharsets.US_ASCII)));
            if (!channel.closeFuture().awaitUninterruptibly(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.close();
                throw new IOException("no answer from " + statsSocket + " within " + timeout.toMillis() + " ms");
            }
        } catch (RuntimeException e) {
            throw new IOException("cannot reach " + statsSocket + ": " + e.getMessage(), e);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        if (received.isEmpty()) {
            throw new IOException("no listening socket came from " + statsSocket
                    + " (its 'stats socket' line needs 'level admin' and 'expose-fd listeners')");
        }
        Map<SocketAddress, Integer> byAddress = new LinkedHashMap<>();
        for (int fd : received) {
            byAddress.put(new Socket(fd).localAddress(), fd);
        }
        return new InheritedListeners(byAddress);
    }

    /** The descriptor of the socket listening on {@code address}, removed from those left; or {@code null}. */
    synchronized Integer take(SocketAddress address) {
        return byAddress.remove(address);
    }

    /** Closes the sockets nobody took (this process's copies only: the old process keeps its own). */
    @Override
    public synchronized void close() {
        for (int fd : byAddress.values()) {
            try {
                new FileDescriptor(fd).close();
            } catch (IOException e) {
                // already closed
            }
        }
        byAddress.clear();
    }
}
