package io.ballast.proxy.log;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Syslog over a unix datagram socket ({@code /dev/log}), which the JDK cannot open: an unbound Netty epoll domain
 * datagram channel on the log event loop. A line is copied into a pooled buffer that the packet owns (Netty releases
 * it once written or failed); when more than {@link #HIGH_WATER} bytes wait, lines are dropped.
 */
final class UnixDatagramSink implements LogSink {

    /** Bytes queued in the channel before it stops accepting lines. */
    static final int HIGH_WATER = 256 * 1024;

    private final Channel channel;
    private final DomainSocketAddress target;
    private final ChannelFutureListener countFailures;

    /**
     * @param group   the epoll event loop the channel runs on
     * @param path    the socket to send to; it may not exist yet
     * @param dropped counts lines the kernel refused (no listener, buffer full)
     */
    UnixDatagramSink(EventLoopGroup group, String path, LongAdder dropped) throws InterruptedException {
        target = new DomainSocketAddress(path);
        countFailures = f -> {
            if (!f.isSuccess()) {
                dropped.increment();
            }
        };
        channel = new Bootstrap().group(group)
                .channel(EpollDomainDatagramChannel.class)
                .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(HIGH_WATER / 2, HIGH_WATER))
                .handler(new ChannelInboundHandlerAdapter())
                .register().sync().channel();
    }

    @Override
    public boolean send(ByteBuffer line) {
        if (!channel.isWritable()) {
            return false;
        }
        ByteBuf copy = channel.alloc().directBuffer(line.remaining()).writeBytes(line);
        channel.writeAndFlush(new DomainDatagramPacket(copy, target)).addListener(countFailures);
        return true;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    @Override
    public String toString() {
        return "unix@" + target.path();
    }
}
