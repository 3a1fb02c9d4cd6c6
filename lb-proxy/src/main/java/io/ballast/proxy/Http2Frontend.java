package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * An HTTP/2 client connection: Netty's codec (framing, HPACK, flow control, and its limits against abuse) with a
 * stream channel per request, each served by a {@link ClientSession} through an {@link Http2StreamBridge}. This
 * handler keeps what belongs to the connection rather than to a stream: its idle timeout, and a graceful GOAWAY
 * when the process stops or a reload retires the configuration that accepted it.
 *
 * <p>A connection becomes HTTP/2 when it starts with the client preface, which is how a client that negotiated
 * {@code h2} by ALPN starts, and how HAProxy recognises clear-text HTTP/2 with prior knowledge.
 */
final class Http2Frontend extends ChannelInboundHandlerAdapter implements DrainableConnection {

    /** The part of the client preface (RFC 9113 §3.4) that HTTP/1.1 would read as a request head. */
    private static final byte[] PREFACE_HEAD = "PRI * HTTP/2.0\r\n\r\n".getBytes(CharsetUtil.US_ASCII);

    /** HAProxy's defaults: {@code tune.h2.max-concurrent-streams} 100, {@code tune.h2.initial-window-size} 65535. */
    static final int MAX_CONCURRENT_STREAMS = 100;
    static final int INITIAL_WINDOW_SIZE = 65535;
    /**
     * At most this many RST_STREAM frames from a client per {@link #RESET_WINDOW_SECONDS} (rapid reset,
     * CVE-2023-44487): beyond, the connection ends with GOAWAY ENHANCE_YOUR_CALM.
     */
    static final int MAX_RESETS = 200;
    static final int RESET_WINDOW_SECONDS = 10;
    /** CONTINUATION frames smaller than 16 KiB allowed per header block before GOAWAY (CONTINUATION flood). */
    static final int MAX_SMALL_CONTINUATIONS = 16;

    private final FrontendRuntime frontend;
    private final Engine engine;
    private Http2Connection connection;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> idleTimer;

    private Http2Frontend(FrontendRuntime frontend, Engine engine) {
        this.frontend = frontend;
        this.engine = engine;
    }

    /** Whether {@code in}, the first bytes of a connection, hold an HTTP/2 client preface's first line. */
    static boolean startsWithPreface(ByteBuf in) {
        if (in.readableBytes() < PREFACE_HEAD.length) {
            return false;
        }
        for (int i = 0; i < PREFACE_HEAD.length; i++) {
            if (in.getByte(in.readerIndex() + i) != PREFACE_HEAD[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Turns the connection of {@code sessionCtx} into an HTTP/2 one: the codec takes the place of the HTTP/1.1
     * session there, and reads {@code buffered} (the preface and whatever followed it), taking ownership of it.
     */
    static void install(ChannelHandlerContext sessionCtx, FrontendRuntime frontend, BackendLookup backends,
                        Engine engine, ByteBuf buffered) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
                .initialWindowSize(INITIAL_WINDOW_SIZE)
                .maxHeaderListSize(frontend.maxHeadSize);
        Http2FrameCodecBuilder builder = Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .decoderEnforceMaxRstFramesPerWindow(MAX_RESETS, RESET_WINDOW_SECONDS)
                .decoderEnforceMaxSmallContinuationFrames(MAX_SMALL_CONTINUATIONS);
        // After GOAWAY the streams under way finish as HTTP/1.1 exchanges do, each within its own timeouts
        // (hard-stop-after bounds a stop): Netty's default would cut them after 30 s.
        builder.gracefulShutdownTimeoutMillis(-1);
        Http2FrameCodec codec = builder.build();
        Http2Frontend connection = new Http2Frontend(frontend, engine);
        ChannelPipeline pipeline = sessionCtx.pipeline();
        String session = sessionCtx.name();
        pipeline.addAfter(session, "h2", codec);
        pipeline.addAfter("h2", "h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamBridge(), new ClientSession(frontend, backends, engine, true));
                connection.streamOpened();
            }
        }));
        pipeline.addAfter("h2-streams", "h2-connection", connection);
        pipeline.addAfter("h2-connection", "h2-half-close", Http2ConnectionEnds.INSTANCE);
        sessionCtx.fireChannelRead(buffered);
        pipeline.remove(session);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        connection = ctx.pipeline().get(Http2FrameCodec.class).connection();
        connection.addListener(new Http2ConnectionAdapter() {
            @Override
            public void onStreamClosed(Http2Stream stream) {
                if (connection.numActiveStreams() == 0) {
                    armIdleTimer();
                }
            }
        });
        armIdleTimer();
    }

    /** A stream started: a connection whose configuration was replaced or that is stopping takes no more. */
    private void streamOpened() {
        cancelIdleTimer();
        if (frontend.retired || engine.isStopping()) {
            // Not while the codec is still handling the stream's first frame: once it has, the stream counts as
            // under way and finishes before the connection closes.
            ctx.executor().execute(this::closeIfIdle);
        }
    }

    /**
     * Says GOAWAY and closes once the streams under way have ended (Netty's graceful close of an HTTP/2
     * connection).
     */
    @Override
    public void closeIfIdle() {
        ctx.channel().close();
    }

    /** An idle connection (no stream open) closes after {@code timeout http-keep-alive}, or {@code timeout client}. */
    private void armIdleTimer() {
        cancelIdleTimer();
        if (!ctx.channel().isActive()) {
            return; // its streams closing with it: a timer would only keep the connection from being collected
        }
        long timeout = frontend.keepAliveTimeout > 0 ? frontend.keepAliveTimeout : frontend.clientTimeout;
        if (timeout > 0) {
            idleTimer = ctx.executor().schedule(() -> {
                if (connection.numActiveStreams() == 0) {
                    ctx.channel().close();
                }
            }, timeout, TimeUnit.MILLISECONDS);
        }
    }

    private void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelIdleTimer();
        ctx.fireChannelInactive();
    }

    /** The channel of the connection a stream belongs to, or {@code channel} itself for an HTTP/1.x one. */
    static Channel connectionOf(Channel channel) {
        return channel instanceof Http2StreamChannel ? channel.parent() : channel;
    }
}
