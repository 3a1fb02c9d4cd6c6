package io.ballast.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The handler of a listening socket: takes each accepted connection, counts it against its frontend's
 * {@code maxconn}, builds its pipeline and registers it with an event loop. In place of Netty's
 * {@code ServerBootstrap} acceptor and a {@code ChannelInitializer}, which would add a handler to every
 * connection only to replace it with the real ones, and register it without reading (see
 * {@link Transport#readFromRegistration}).
 */
final class ClientAcceptor extends ChannelInboundHandlerAdapter {

    /** HAProxy's pause before accepting again after accept() failed, for instance out of file descriptors. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    private final Listener listener;
    private final EventLoopGroup loops;
    private final BiConsumer<Channel, Listener.Binding> serve;

    /**
     * @param loops the event loops that serve the connections, in turn
     * @param serve builds a connection's pipeline for the binding it was accepted under
     */
    ClientAcceptor(Listener listener, EventLoopGroup loops, BiConsumer<Channel, Listener.Binding> serve) {
        this.listener = listener;
        this.loops = loops;
        this.serve = serve;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel client = (Channel) msg;
        // Read at each accept: a reload may have handed the listener to another frontend. The count is taken on
        // the listener's own loop, so that a pause at the limit takes effect before the next accept.
        Listener.Binding binding = listener.binding();
        ConnectionLimit limit = binding.frontend().connections;
        limit.opened();
        client.closeFuture().addListener(f -> limit.closed());
        client.config().setOption(ChannelOption.ALLOW_HALF_CLOSURE, true);
        serve.accept(client, binding);
        Transport.readFromRegistration(client);
        loops.next().register(client).addListener((ChannelFutureListener) registered -> {
            if (!registered.isSuccess()) {
                client.unsafe().closeForcibly();
            }
        });
    }

    /** accept() failed: pauses the listener briefly rather than spin on an error that will not go away at once. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Channel socket = ctx.channel();
        if (socket.config().isAutoRead()) {
            socket.config().setAutoRead(false);
            ctx.executor().schedule(() -> listener.binding().frontend().connections.resume(socket),
                    ACCEPT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }
}
