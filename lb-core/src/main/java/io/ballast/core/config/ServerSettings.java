package io.ballast.core.config;

/**
 * The mutable server options of a {@code default-server} line or of one {@code server} line while it is parsed.
 * A {@code server} line starts from a copy of the section's {@code default-server} settings.
 */
final class ServerSettings {
    int weight = 1;
    boolean backup;
    boolean disabled;
    int maxconn;
    boolean check;
    int checkPort;
    long inter = 2000;
    long fastinter;
    long downinter;
    int rise = 2;
    int fall = 3;
    long slowstart;
    ServerCheckOptions checkOptions = new ServerCheckOptions();
    ServerTlsOptions tls = new ServerTlsOptions();
    /** {@code send-proxy} and {@code send-proxy-v2}, which {@code no-send-proxy[-v2]} clear; version 2 wins. */
    boolean sendProxyV1;
    boolean sendProxyV2;
    boolean checkSendProxy;
    /** {@code proto h2}. */
    boolean protoH2;
    /** {@code id}: one server's own, so {@link #copy()} (from {@code default-server}) leaves it out. */
    int id;

    ServerSettings copy() {
        ServerSettings c = new ServerSettings();
        c.weight = weight;
        c.backup = backup;
        c.disabled = disabled;
        c.maxconn = maxconn;
        c.check = check;
        c.checkPort = checkPort;
        c.inter = inter;
        c.fastinter = fastinter;
        c.downinter = downinter;
        c.rise = rise;
        c.fall = fall;
        c.slowstart = slowstart;
        c.checkOptions = checkOptions.copy();
        c.tls = tls.copy();
        c.sendProxyV1 = sendProxyV1;
        c.sendProxyV2 = sendProxyV2;
        c.checkSendProxy = checkSendProxy;
        c.protoH2 = protoH2;
        return c;
    }

    ServerConfig toServer(String name, Endpoint address, SourceLocation location, ServerTlsConfig tlsConfig) {
        return new ServerConfig(name, address, weight, backup, disabled, maxconn, check, checkPort, inter, fastinter,
                downinter, rise, fall, location, checkOptions.build(), slowstart, tlsConfig,
                sendProxyV2 ? SendProxy.V2 : sendProxyV1 ? SendProxy.V1 : SendProxy.NONE, checkSendProxy,
                protoH2 || (tlsConfig != null && tlsConfig.settings().alpn().equals(java.util.List.of("h2"))), id);
    }
}
