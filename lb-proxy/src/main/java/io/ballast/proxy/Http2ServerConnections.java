package io.ballast.proxy;

import io.ballast.core.server.Server;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The HTTP/2 connections of one event loop to servers with {@code proto h2} (or {@code alpn h2}): each carries many
 * exchanges at once, one stream each, so a request opens a stream on a connection that has room for it and a new
 * connection only when none has. Only the loop's thread touches it, so it needs no lock.
 */
final class Http2ServerConnections {

    /**
     * Streams opened on one connection at most, whatever the server allows: beyond, another connection is opened.
     * It is also the limit assumed before the server's SETTINGS arrive (RFC 9113 recommends at least 100).
     */
    static final int MAX_STREAMS_PER_CONNECTION = 100;

    /** One connection: its channel, ready once connected (and through TLS), and its codec. */
    private static final class Connection {
        final ChannelFuture ready;
        final Http2FrameCodec codec;
        final String tlsName;
        /** Streams opened on it, from the request for one until its channel closes. */
        int open;
        /** Whether it takes no new stream and closes once its streams are done (its server moved or left). */
        boolean draining;

        Connection(ChannelFuture ready, Http2FrameCodec codec, String tlsName) {
            this.ready = ready;
            this.codec = codec;
            this.tlsName = tlsName;
        }

        /** Whether a new stream may go on it: connecting or open, with room, and no GOAWAY from the server. */
        boolean takesStreams() {
            if (draining || open >= MAX_STREAMS_PER_CONNECTION) {
                return false;
            }
            return !ready.isDone() || (ready.isSuccess() && ready.channel().isActive()
                    && !codec.connection().goAwayReceived() && open < codec.connection().local().maxActiveStreams());
        }

        void streamClosed() {
            if (--open == 0 && draining) {
                ready.channel().close();
            }
        }
    }

    private final Map<Server, List<Connection>> connections = new IdentityHashMap<>();

    /**
     * Opens a stream to {@code server} whose pipeline {@code stream} sets up.
     *
     * @param tlsName the connection's name when the server's SNI depends on the request, else {@code null}
     * @param connect makes a connection with the given handlers (after TLS if any); the future completes when ready
     */
    Future<Http2StreamChannel> openStream(EventLoop loop, Server server, String tlsName,
                                          Function<ChannelHandler[], ChannelFuture> connect,
                                          ChannelInitializer<Http2StreamChannel> stream) {
        Connection connection = usable(server, tlsName);
        if (connection == null) {
            connection = open(server, tlsName, connect);
        }
        Promise<Http2StreamChannel> opened = loop.newPromise();
        Connection on = connection;
        on.open++;
        on.ready.addListener(ready -> {
            if (!ready.isSuccess()) {
                on.streamClosed();
                opened.tryFailure(ready.cause());
                return;
            }
            new Http2StreamChannelBootstrap(on.ready.channel()).handler(stream).open().addListener(f -> {
                if (f.isSuccess()) {
                    Http2StreamChannel channel = (Http2StreamChannel) f.getNow();
                    channel.closeFuture().addListener(closed -> on.streamClosed());
                    opened.trySuccess(channel);
                } else {
                    on.streamClosed();
                    opened.tryFailure(f.cause());
                }
            });
        });
        return opened;
    }

    private Connection usable(Server server, String tlsName) {
        List<Connection> list = connections.get(server);
        if (list != null) {
            for (Connection c : list) {
                if (c.takesStreams() && Objects.equals(c.tlsName, tlsName)) {
                    return c;
                }
            }
        }
        return null;
    }

    private Connection open(Server server, String tlsName, Function<ChannelHandler[], ChannelFuture> connect) {
        Http2FrameCodec codec = Http2FrameCodecBuilder.forClient()
                .initialSettings(Http2Settings.defaultSettings().pushEnabled(false)
                        .initialWindowSize(Http2Frontend.INITIAL_WINDOW_SIZE))
                .validateHeaders(true)
                .build();
        // Streams the server would start (push) are refused by the settings; the handler is the codec's requirement.
        Http2MultiplexHandler multiplex = new Http2MultiplexHandler(new ChannelInboundHandlerAdapter());
        ChannelFuture ready = connect.apply(new ChannelHandler[] {codec, multiplex, Http2ConnectionEnds.INSTANCE});
        Connection connection = new Connection(ready, codec, tlsName);
        connections.computeIfAbsent(server, s -> new ArrayList<>(2)).add(connection);
        ready.channel().closeFuture().addListener(f -> forget(server, connection));
        return connection;
    }

    private void forget(Server server, Connection connection) {
        List<Connection> list = connections.get(server);
        if (list != null && list.remove(connection) && list.isEmpty()) {
            connections.remove(server);
        }
    }

    /**
     * Retires the connections to {@code server} (it moved, or was removed): they take no new stream, and close once
     * their streams are done.
     */
    void closeIdle(Server server) {
        List<Connection> list = connections.get(server);
        if (list == null) {
            return;
        }
        for (Connection c : List.copyOf(list)) {
            c.draining = true;
            if (c.open == 0) {
                c.ready.channel().close();
            }
        }
    }
}
