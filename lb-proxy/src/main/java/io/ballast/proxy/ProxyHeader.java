package io.ballast.proxy;

import io.ballast.core.config.SendProxy;
import io.ballast.core.server.Server;
import io.ballast.health.ProxyHeaders;
import io.netty.channel.Channel;
import io.netty.handler.codec.haproxy.HAProxyMessage;

import java.net.SocketAddress;

/**
 * The PROXY protocol header a server connection starts with ({@code send-proxy}, {@code send-proxy-v2}): the version
 * and the client's addresses ({@link ClientAddresses}). A value: as in HAProxy 2.6, whose {@code http-reuse} reuses a
 * connection only for requests with the same PROXY protocol block, a pooled connection serves only requests whose
 * header would be the same, which in practice means the same client connection.
 *
 * @param version     {@link SendProxy#V1} or {@link SendProxy#V2}
 * @param source      where the client connected from
 * @param destination where the client connected to
 */
record ProxyHeader(SendProxy version, SocketAddress source, SocketAddress destination) {

    /** The header {@code server} wants on a connection made for {@code client}, or {@code null} for none. */
    static ProxyHeader of(Server server, Channel client) {
        SendProxy version = server.config().sendProxy();
        return version == SendProxy.NONE ? null
                : new ProxyHeader(version, ClientAddresses.remote(client), ClientAddresses.local(client));
    }

    /** The header as Netty's encoder writes it; the caller owns it. */
    HAProxyMessage message() {
        return ProxyHeaders.header(version, source, destination);
    }
}
