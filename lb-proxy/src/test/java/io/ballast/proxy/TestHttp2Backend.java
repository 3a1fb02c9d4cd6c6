package io.ballast.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clear-text HTTP/2 server for engine tests (Netty's codec, prior knowledge): each stream is answered with
 * {@code <name> <method> <path> authority=<:authority> body=<body>}, or under {@code /count} with the number of body
 * bytes alone, which it reads a frame a millisecond (so that it grants flow-control window slowly). With {@code goAwayEvery} > 0 it says GOAWAY
 * after that many streams on a connection and closes it once they are done, as servers with a request limit do.
 */
final class TestHttp2Backend implements AutoCloseable {

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger streams = new AtomicInteger();
    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;

    TestHttp2Backend(String name, int goAwayEvery) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel connection) {
                        connections.incrementAndGet();
                        AtomicInteger served = new AtomicInteger();
                        connection.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                                    @Override
                                    protected void initChannel(Http2StreamChannel stream) {
                                        stream.pipeline().addLast(new Answer(name, () -> {
                                            streams.incrementAndGet();
                                            if (goAwayEvery > 0 && served.incrementAndGet() % goAwayEvery == 0) {
                                                connection.writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
                                                connection.close();
                                            }
                                        }));
                                    }
                                }));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Collects one request, then answers it. */
    private static final class Answer extends ChannelInboundHandlerAdapter {
        private final String name;
        private final Runnable answered;
        private Http2Headers request;
        private final StringBuilder body = new StringBuilder();
        private long bodyBytes;

        Answer(String name, Runnable answered) {
            this.name = name;
            this.answered = answered;
        }

        private io.netty.util.concurrent.ScheduledFuture<?> trickle;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            boolean end = false;
            if (msg instanceof Http2HeadersFrame h) {
                if (request == null) {
                    request = h.headers();
                    if (request.path().toString().startsWith("/count")) {
                        ctx.channel().config().setAutoRead(false);
                        trickle = ctx.executor().scheduleAtFixedRate(ctx::read, 1, 1,
                                java.util.concurrent.TimeUnit.MILLISECONDS);
                    }
                }
                end = h.isEndStream();
            } else if (msg instanceof Http2DataFrame d) {
                bodyBytes += d.content().readableBytes();
                if (!request.path().toString().startsWith("/count")) {
                    body.append(d.content().toString(StandardCharsets.ISO_8859_1));
                }
                end = d.isEndStream();
            }
            ReferenceCountUtil.release(msg);
            if (end) {
                if (trickle != null) {
                    trickle.cancel(false);
                }
                String text = request.path().toString().startsWith("/count") ? Long.toString(bodyBytes)
                        : name + " " + request.method() + " " + request.path() + " authority=" + request.authority()
                        + " body=" + body;
                ByteBuf content = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
                ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")
                        .add("content-type", "text/plain")));
                ctx.writeAndFlush(new DefaultHttp2DataFrame(content, true));
                answered.run();
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
