package io.ballast.core.config;

/**
 * One {@code server <name> <address> [options]} line, with the {@code default-server} options that applied to it.
 *
 * @param name     the server name, unique in its backend
 * @param address  where to connect; an {@link InetEndpoint} port of 0 means "the port the client connected to"
 * @param weight   0..256, default 1; 0 takes the server out of load balancing
 * @param backup   used only when no active server is usable
 * @param disabled starts in maintenance
 * @param maxconn  concurrent requests allowed, 0 for no limit
 * @param check    whether health checks run
 * @param checkPort the port health checks use, 0 for the server's port
 * @param inter    check interval in ms (default 2000)
 * @param fastinter interval while the state is changing, 0 for {@code inter}
 * @param downinter interval while fully down, 0 for {@code inter}
 * @param rise     consecutive successes that bring the server up (default 2)
 * @param fall     consecutive failures that take it down (default 3)
 * @param location where the line was written
 * @param checks   the check address, agent check and passive observation options
 * @param slowstart {@code slowstart} in ms: how long the weight takes to ramp up after the server comes back up,
 *                  0 for at once
 * @param tls      TLS to the server ({@code ssl}), or {@code null} for plain connections
 * @param sendProxy the PROXY protocol header each connection to the server starts with ({@code send-proxy},
 *                  {@code send-proxy-v2})
 * @param checkSendProxy {@code check-send-proxy}: health checks send a PROXY protocol header whatever their address
 * @param http2    whether requests reach the server in HTTP/2: {@code proto h2}, or {@code ssl} with {@code alpn h2}
 * @param id       its {@code id} (the statistics' {@code sid}), or 0 for the next free one in its backend
 */
public record ServerConfig(String name, Endpoint address, int weight, boolean backup, boolean disabled,
                           int maxconn, boolean check, int checkPort, long inter, long fastinter,
                           long downinter, int rise, int fall, SourceLocation location,
                           ServerCheckSettings checks, long slowstart, ServerTlsConfig tls, SendProxy sendProxy,
                           boolean checkSendProxy, boolean http2, int id) {

    /** A server without an {@code id} of its own. */
    public ServerConfig(String name, Endpoint address, int weight, boolean backup, boolean disabled, int maxconn,
                        boolean check, int checkPort, long inter, long fastinter, long downinter, int rise, int fall,
                        SourceLocation location, ServerCheckSettings checks, long slowstart, ServerTlsConfig tls,
                        SendProxy sendProxy, boolean checkSendProxy, boolean http2) {
        this(name, address, weight, backup, disabled, maxconn, check, checkPort, inter, fastinter, downinter, rise,
                fall, location, checks, slowstart, tls, sendProxy, checkSendProxy, http2, 0);
    }

    /** A server without TLS nor PROXY protocol. */
    public ServerConfig(String name, Endpoint address, int weight, boolean backup, boolean disabled, int maxconn,
                        boolean check, int checkPort, long inter, long fastinter, long downinter, int rise, int fall,
                        SourceLocation location, ServerCheckSettings checks, long slowstart) {
        this(name, address, weight, backup, disabled, maxconn, check, checkPort, inter, fastinter, downinter, rise,
                fall, location, checks, slowstart, null, SendProxy.NONE, false, false);
    }

    /** A server without {@code slowstart}. */
    public ServerConfig(String name, Endpoint address, int weight, boolean backup, boolean disabled, int maxconn,
                        boolean check, int checkPort, long inter, long fastinter, long downinter, int rise, int fall,
                        SourceLocation location, ServerCheckSettings checks) {
        this(name, address, weight, backup, disabled, maxconn, check, checkPort, inter, fastinter, downinter, rise,
                fall, location, checks, 0);
    }

    /** This server at another address ({@code set server addr}). */
    public ServerConfig withAddress(Endpoint newAddress) {
        return new ServerConfig(name, newAddress, weight, backup, disabled, maxconn, check, checkPort, inter, fastinter,
                downinter, rise, fall, location, checks, slowstart, tls, sendProxy, checkSendProxy, http2, id);
    }

    /**
     * The PROXY protocol header health checks send, as HAProxy: with {@code check-send-proxy}, the server's version
     * (version 1 when it sends none); without, the server's own header when checks go where the traffic goes (no
     * {@code port}, no {@code addr}), else none.
     */
    public SendProxy checkProxyHeader() {
        if (checkSendProxy) {
            return sendProxy == SendProxy.V2 ? SendProxy.V2 : SendProxy.V1;
        }
        return checkPort == 0 && checks.addr() == null ? sendProxy : SendProxy.NONE;
    }

    /** Whether {@code other} asks for exactly the same server, wherever it is written. */
    public boolean sameSettings(ServerConfig other) {
        return SettingsComparison.same(this, other);
    }
}
