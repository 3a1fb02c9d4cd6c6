package io.ballast.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Where a client connection comes from and where it was going, as fetches ({@code src}, {@code dst}...), logs,
 * {@code option forwardfor}, {@code send-proxy} and the runtime API see them: the addresses of the connection's PROXY
 * protocol header ({@code bind ... accept-proxy}) when it gave some, else the socket's own. Every place that reads a
 * client's addresses asks here, so that no place sees the load balancer in front instead of the client.
 */
final class ClientAddresses {

    /** The addresses a PROXY protocol header gave, set by {@link ProxyHeaderDecoder}; absent otherwise. */
    private static final AttributeKey<Proxied> PROXIED = AttributeKey.valueOf(ClientAddresses.class, "proxied");

    private record Proxied(InetSocketAddress source, InetSocketAddress destination) {
    }

    private ClientAddresses() {
    }

    /** Records the client's addresses that the PROXY protocol header of {@code client} gave. */
    static void proxied(Channel client, InetSocketAddress source, InetSocketAddress destination) {
        client.attr(PROXIED).set(new Proxied(source, destination));
    }

    /** The client's address: the header's source, or the socket's peer. */
    static SocketAddress remote(Channel client) {
        Proxied p = proxied(client);
        return p != null ? p.source() : client.remoteAddress();
    }

    /** The address the client connected to: the header's destination, or the socket's own address. */
    static SocketAddress local(Channel client) {
        Proxied p = proxied(client);
        return p != null ? p.destination() : client.localAddress();
    }

    private static Proxied proxied(Channel client) {
        // An HTTP/2 stream's header came on its connection.
        Channel connection = Http2Frontend.connectionOf(client);
        // hasAttr first: attr() would add an empty attribute to each connection without a header.
        return connection.hasAttr(PROXIED) ? connection.attr(PROXIED).get() : null;
    }
}
