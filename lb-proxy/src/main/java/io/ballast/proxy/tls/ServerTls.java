package io.ballast.proxy.tls;

import io.ballast.core.config.ServerSni;
import io.ballast.core.config.ServerTlsConfig;
import io.ballast.core.config.TlsVerify;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.TlsInfo;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * TLS to one server: its client context and how each connection's SNI is chosen. With {@code verify required}, the
 * server's certificate must chain to the {@code ca-file} and, when an SNI is sent (or {@code verifyhost} is set),
 * carry that name, as HAProxy checks it. Shared by the event loops.
 */
public final class ServerTls {

    private final SslContext context;
    private final ServerSni sni;
    private final String verifyHost;
    private final boolean verify;
    private final boolean noTickets;

    ServerTls(SslContext context, ServerTlsConfig config) {
        this.noTickets = config.settings().ticketsDisabled();
        this.context = context;
        this.sni = config.sni();
        this.verifyHost = config.verifyHost();
        this.verify = config.settings().verify() == TlsVerify.REQUIRED;
    }

    /**
     * The name this request's connection must be made with, when the SNI depends on the request: connections made
     * for one name are never reused for another. {@code null} when every connection to the server is alike; empty
     * when the request gives no name (no SNI is then sent).
     *
     * @param request     the request, or {@code null} in TCP mode
     * @param frontendTls the client connection's TLS facts, or {@code null}
     */
    public String connectionName(RequestView request, TlsInfo frontendTls) {
        if (sni == null || !sni.variable()) {
            return null;
        }
        String name = switch (sni.kind()) {
            case REQUEST_HEADER -> request == null ? null : hostOnly(request.header(sni.value()));
            case FRONTEND_SNI -> frontendTls == null ? null : frontendTls.serverName();
            case CONSTANT -> sni.value();
        };
        return name == null ? "" : name;
    }

    /**
     * A future that completes when {@code connected} did and then {@code handler}'s handshake: a server connection
     * is ready, and counts as connected, once its TLS is. A failed handshake fails it (and closes the channel), as a
     * refused connection would.
     */
    public static ChannelFuture afterHandshake(ChannelFuture connected, SslHandler handler) {
        Channel channel = connected.channel();
        ChannelPromise ready = channel.newPromise();
        connected.addListener((ChannelFutureListener) tcp -> {
            if (!tcp.isSuccess()) {
                ready.tryFailure(tcp.cause());
                return;
            }
            handler.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    ready.trySuccess();
                } else {
                    ready.tryFailure(handshake.cause());
                    channel.close();
                }
            });
        });
        return ready;
    }

    /** A Host header's host, without its port; an IPv6 literal gives nothing (SNI carries names only). */
    static String hostOnly(String host) {
        if (host == null || host.isEmpty() || host.startsWith("[")) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    /**
     * A handler for a new connection to the server at {@code address}.
     *
     * @param connectionName what {@link #connectionName} gave for the request that opens it
     * @param handshakeTimeoutMillis the longest the handshake may take ({@code timeout connect}); 0 for Netty's 10 s
     */
    public SslHandler newHandler(ByteBufAllocator alloc, String connectionName, SocketAddress address,
                                 long handshakeTimeoutMillis) {
        String name = connectionName != null ? (connectionName.isEmpty() ? null : connectionName)
                : sni != null ? sni.value() : null;
        String expected = name != null ? name : verifyHost;
        SslHandler handler;
        if (address instanceof InetSocketAddress inet) {
            // A host name becomes the SNI (and the key of the client session cache); an address sends no SNI.
            String peer = expected != null ? expected : inet.getAddress().getHostAddress();
            handler = context.newHandler(alloc, peer, inet.getPort());
        } else {
            handler = expected != null ? context.newHandler(alloc, expected, -1) : context.newHandler(alloc);
        }
        if (verify && expected != null) {
            SSLEngine engine = handler.engine();
            SSLParameters p = engine.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(p);
        }
        if (handshakeTimeoutMillis > 0) {
            handler.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        }
        if (noTickets) {
            ContextFactory.disableTickets(handler);
        }
        return handler;
    }
}
