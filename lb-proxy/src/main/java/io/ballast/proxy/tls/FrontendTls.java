package io.ballast.proxy.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

import javax.net.ssl.SSLHandshakeException;

/**
 * TLS termination for one listener: its certificates' contexts, picked by SNI. A listener with one certificate and
 * no {@code strict-sni} gets a plain {@link SslHandler}; otherwise a {@link SniHandler} reads the client's hello, picks
 * the context ({@link SniSelector}) and puts the {@code SslHandler} in its own place. Shared by the listener's event
 * loops; the contexts are built once at startup.
 */
public final class FrontendTls {

    private final SniSelector<SslContext> selector;
    private final boolean strictSni;
    private final long handshakeTimeoutMillis;
    /** {@code no-tls-tickets}. */
    private final boolean noTickets;
    /** The listener's name for logs: its {@code name}, or its number in the frontend. */
    private final String listener;

    FrontendTls(SniSelector<SslContext> selector, boolean strictSni, long handshakeTimeoutMillis, boolean noTickets,
                String listener) {
        this.listener = listener;
        this.selector = selector;
        this.strictSni = strictSni;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.noTickets = noTickets;
    }

    /**
     * Adds TLS to a newly accepted connection: the TLS handler first, then a watcher that records the connection's
     * facts ({@link ConnectionTls#of}) when the handshake completes. Call before adding the session handler.
     */
    public void install(Channel channel) {
        ConnectionTls facts = ConnectionTls.attach(channel, listener);
        if (selector.isSingle() && !strictSni) {
            channel.pipeline().addLast(handler(selector.defaultValue(), channel.alloc()));
        } else {
            channel.pipeline().addLast(new SniHandler(this::select, handshakeTimeoutMillis) {
                @Override
                protected SslHandler newSslHandler(SslContext context, io.netty.buffer.ByteBufAllocator alloc) {
                    return handler(context, alloc);
                }
            });
        }
        channel.pipeline().addLast(new TlsHandshakeWatcher(facts));
    }

    private SslHandler handler(SslContext context, io.netty.buffer.ByteBufAllocator alloc) {
        SslHandler handler = context.newHandler(alloc);
        handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        if (noTickets) {
            ContextFactory.disableTickets(handler);
        }
        return handler;
    }

    private Future<SslContext> select(String serverName, Promise<SslContext> promise) {
        SslContext ctx = selector.select(serverName, strictSni);
        if (ctx == null) {
            return promise.setFailure(new SSLHandshakeException("strict-sni: no certificate for "
                    + (serverName == null ? "a client without SNI" : "'" + serverName + "'")));
        }
        return promise.setSuccess(ctx);
    }
}
