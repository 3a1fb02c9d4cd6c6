package io.ballast.health;

import io.ballast.core.config.SendProxy;
import io.ballast.core.config.ServerConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * HAProxy's default check: a layer-4 connect. Success means the connection was established; it is then
 * closed at once (with an RST, as HAProxy does, so that no TIME_WAIT piles up), after the PROXY protocol header when
 * the server gets one.
 */
final class ConnectCheck implements HealthCheck {

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final SocketAddress target;
    private final long timeoutMs;
    private final SendProxy proxyHeader;

    private Channel channel;
    private ScheduledFuture<?> timer;
    private Consumer<CheckResult> done;
    private long startNanos;

    /**
     * @param loop      the event loop the check runs on
     * @param factory   makes the channels (TCP or UNIX, as the engine chose)
     * @param target    where to connect
     * @param tcp       whether it is a TCP channel (then SO_LINGER 0 is set)
     * @param timeoutMs the time allowed to connect
     * @param proxyHeader the PROXY protocol header sent once connected ({@link ServerConfig#checkProxyHeader})
     */
    ConnectCheck(EventLoop loop, ChannelFactory<? extends Channel> factory, SocketAddress target, boolean tcp,
                 long timeoutMs, SendProxy proxyHeader) {
        this.loop = loop;
        this.target = target;
        this.timeoutMs = timeoutMs;
        this.proxyHeader = proxyHeader;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channelFactory(factory)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMs + 1000))
                .handler(Discard.INSTANCE);
        if (tcp) {
            bootstrap.option(ChannelOption.SO_LINGER, 0);
        }
    }

    @Override
    public void run(Consumer<CheckResult> done) {
        this.done = done;
        this.startNanos = System.nanoTime();
        ChannelFuture connect;
        try {
            connect = bootstrap.connect(target);
        } catch (RuntimeException e) {
            finish(CheckStatus.SOCKERR, ConnectErrors.info(e));
            return;
        }
        channel = connect.channel();
        timer = loop.schedule(() -> finish(CheckStatus.L4TOUT, null), timeoutMs, TimeUnit.MILLISECONDS);
        connect.addListener((ChannelFuture f) -> {
            if (f.channel() != channel) {
                return; // an aborted or timed-out attempt
            }
            if (f.isSuccess() && proxyHeader != SendProxy.NONE) {
                ProxyHeaders.writeForCheck(proxyHeader, f.channel()).addListener(written -> {
                    if (f.channel() == channel) {
                        finish(CheckStatus.L4OK, null);
                    }
                });
            } else if (f.isSuccess()) {
                finish(CheckStatus.L4OK, null);
            } else if (f.cause() instanceof ConnectTimeoutException) {
                finish(CheckStatus.L4TOUT, null);
            } else if (f.isCancelled()) {
                finish(CheckStatus.L4CON, null);
            } else {
                finish(ConnectErrors.isSocketError(f.cause()) ? CheckStatus.SOCKERR : CheckStatus.L4CON,
                        ConnectErrors.info(f.cause()));
            }
        });
    }

    @Override
    public void abort() {
        done = null;
        release();
    }

    private void finish(CheckStatus status, String info) {
        Consumer<CheckResult> callback = done;
        done = null;
        release();
        if (callback != null) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            callback.accept(new CheckResult(status, info, ms));
        }
    }

    private void release() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** Ignores whatever a check connection receives or raises: only the connect outcome matters. */
    @ChannelHandler.Sharable
    static final class Discard extends ChannelInboundHandlerAdapter {

        static final Discard INSTANCE = new Discard();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
