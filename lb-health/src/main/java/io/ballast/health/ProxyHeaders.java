package io.ballast.health;

import io.ballast.core.config.SendProxy;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The PROXY protocol headers Ballast sends ({@code send-proxy}, {@code send-proxy-v2}, {@code check-send-proxy}), as
 * HAProxy 2.6 makes them, for Netty's {@code HAProxyMessageEncoder} to write: health checks send theirs, and the
 * engine's server connections theirs.
 */
public final class ProxyHeaders {

    private ProxyHeaders() {
    }

    /**
     * The header for a connection from {@code source} to {@code destination}: TCP4 when both are IPv4 addresses, TCP6
     * when both are IP addresses and one is IPv6 (the IPv4 one then mapped, {@code ::ffff:192.0.2.1}), else
     * {@code UNKNOWN} in version 1 and {@code LOCAL} in version 2.
     *
     * @param version {@link SendProxy#V1} or {@link SendProxy#V2}
     */
    public static HAProxyMessage header(SendProxy version, SocketAddress source, SocketAddress destination) {
        HAProxyProtocolVersion v = version == SendProxy.V2 ? HAProxyProtocolVersion.V2 : HAProxyProtocolVersion.V1;
        if (source instanceof InetSocketAddress src && destination instanceof InetSocketAddress dst
                && src.getAddress() != null && dst.getAddress() != null) {
            boolean v4 = src.getAddress() instanceof Inet4Address && dst.getAddress() instanceof Inet4Address;
            return new HAProxyMessage(v, HAProxyCommand.PROXY,
                    v4 ? HAProxyProxiedProtocol.TCP4 : HAProxyProxiedProtocol.TCP6, text(src, v4), text(dst, v4),
                    src.getPort(), dst.getPort());
        }
        return new HAProxyMessage(v, v == HAProxyProtocolVersion.V2 ? HAProxyCommand.LOCAL : HAProxyCommand.PROXY,
                HAProxyProxiedProtocol.UNKNOWN, null, null, 0, 0);
    }

    /**
     * Writes a health check's header on {@code check}, just connected, before anything else; as HAProxy, version 1
     * with the check connection's own addresses, version 2 as a {@code LOCAL} connection, without addresses.
     */
    static ChannelFuture writeForCheck(SendProxy version, Channel check) {
        check.pipeline().addFirst(HAProxyMessageEncoder.INSTANCE);
        return check.writeAndFlush(version == SendProxy.V2 ? header(version, null, null)
                : header(version, check.localAddress(), check.remoteAddress()));
    }

    private static String text(InetSocketAddress address, boolean v4) {
        String ip = NetUtil.toAddressString(address.getAddress());
        return v4 || !(address.getAddress() instanceof Inet4Address) ? ip : "::ffff:" + ip;
    }
}
