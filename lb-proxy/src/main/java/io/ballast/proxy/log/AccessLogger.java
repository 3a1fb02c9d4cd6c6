package io.ballast.proxy.log;

import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.ProxyMode;
import io.netty.util.NetUtil;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Writes one frontend's traffic log lines to its {@code log} targets, in HAProxy's formats. Built once per frontend
 * at startup; {@link #accepted} and {@link #ended} are called from event loops, never block, and allocate nothing
 * per line for UDP targets (a byte copy per line for stdout/stderr and unix sockets).
 */
public final class AccessLogger {

    private final List<SyslogTarget> targets;
    private final LogFormat format;
    private final boolean dontLogNull;
    private final String modeName;

    private AccessLogger(List<SyslogTarget> targets, LogFormat format, boolean dontLogNull, String modeName) {
        this.targets = targets;
        this.format = format;
        this.dontLogNull = dontLogNull;
        this.modeName = modeName;
    }

    /**
     * A logger for {@code fe} in its configured format ({@link FrontendConfig#logFormat()}), or HAProxy's default
     * of one line per accepted connection.
     */
    public static AccessLogger forFrontend(FrontendConfig fe, LogOutputs outputs) {
        return forFrontend(fe, fe.logFormat(), outputs);
    }

    /**
     * A logger for {@code fe} with an explicit format.
     *
     * @param logFormat a {@code log-format} string (see {@link io.ballast.core.config.LogFormats}), or {@code null}
     *                  for the default accept-time line
     * @throws IllegalArgumentException when {@code logFormat} is invalid or uses what Ballast does not support
     */
    public static AccessLogger forFrontend(FrontendConfig fe, String logFormat, LogOutputs outputs) {
        LogFormat compiled = logFormat == null ? null : LogFormatParser.compile(logFormat);
        String mode = fe.mode() == ProxyMode.HTTP ? "HTTP" : "TCP";
        return new AccessLogger(List.copyOf(outputs.targets(fe.logs())), compiled, fe.dontLogNull(), mode);
    }

    /**
     * Checks a {@code log-format} string as {@link #forFrontend} compiles it, so that its errors are reported with
     * the configuration's.
     *
     * @throws IllegalArgumentException naming what is wrong and where
     */
    public static void check(String logFormat) {
        LogFormatParser.compile(logFormat);
    }

    /** Whether any line can be written: the engine fills the log-only parts of {@link ExchangeLog} only then. */
    public boolean enabled() {
        return !targets.isEmpty();
    }

    /**
     * Call once a connection is accepted, after {@link ExchangeLog#connection}: writes HAProxy's default
     * {@code Connect from <ci>:<cp> to <fi>:<fp> (<fe>/<mode>)} line when the frontend has no log format.
     */
    public void accepted(ExchangeLog x) {
        if (format != null || targets.isEmpty()) {
            return;
        }
        LogScratch scratch = LogScratch.current();
        StringBuilder sb = scratch.message;
        sb.setLength(0);
        sb.append("Connect from ");
        endpoint(sb, x.client);
        sb.append(" to ");
        endpoint(sb, x.frontendAddress);
        sb.append(" (").append(x.frontend).append('/').append(modeName).append(')');
        send(sb, scratch, Syslog.INFO);
    }

    /** Whether {@link #ended} writes lines: a format is set and targets exist (else only the accept line is logged). */
    public boolean logsExchanges() {
        return format != null && !targets.isEmpty();
    }

    /**
     * Call when an exchange is over, after {@link ExchangeLog#closed}: writes its line at its
     * {@linkplain ExchangeLog#logLevel level} ({@code info} unless a rule set another), unless the frontend has no
     * log format, a rule silenced the exchange, or {@code option dontlognull} is set and the client sent nothing.
     */
    public void ended(ExchangeLog x) {
        if (!logsExchanges() || x.level == ExchangeLog.SILENT || (dontLogNull && x.bytesFromClient == 0)) {
            return;
        }
        LogScratch scratch = LogScratch.current();
        StringBuilder sb = scratch.message;
        sb.setLength(0);
        format.render(x, sb, scratch.dates);
        send(sb, scratch, x.level == ExchangeLog.USUAL_LEVEL ? Syslog.INFO : x.level);
    }

    /**
     * Call when a TLS handshake failed: writes HAProxy's
     * {@code 127.0.0.1:38732 [24/Nov/2026:03:22:15.593] fe/1: SSL handshake failure} line.
     *
     * @param listener the listener's {@code name}, or its number in the frontend
     * @param reason   HAProxy's words: {@code SSL handshake failure}, {@code Timeout during SSL handshake},
     *                 {@code Connection closed during SSL handshake}
     */
    public void handshakeFailed(ExchangeLog x, String listener, String reason) {
        if (!targets.isEmpty()) {
            connectionFailed(x.client, x.acceptMillis, x.frontend, listener, reason);
        }
    }

    /**
     * Call when a connection to an {@code accept-proxy} listener failed before its PROXY protocol header was read:
     * writes HAProxy's {@code 127.0.0.1:38732 [24/Nov/2026:03:22:15.593] fe/1: Received an invalid PROXY protocol
     * header} line. As HAProxy 2.6, only a frontend that logs its exchanges ({@code option httplog}, {@code tcplog},
     * {@code log-format}) writes it, and {@code option dontlognull} leaves out a connection that sent nothing.
     *
     * @param client       the socket's peer (the header was not read)
     * @param acceptMillis when the connection was accepted, in {@link System#currentTimeMillis()}
     * @param listener     the listener's {@code name}, or its number in the frontend
     * @param reason       HAProxy's words, such as {@code Timeout while waiting for PROXY protocol header}
     * @param sentNothing  whether the client sent no byte
     */
    public void proxyHeaderFailed(InetSocketAddress client, long acceptMillis, String frontend,
                                  String listener, String reason, boolean sentNothing) {
        if (logsExchanges() && !(dontLogNull && sentNothing)) {
            connectionFailed(client, acceptMillis, frontend, listener, reason);
        }
    }

    /** HAProxy's line for a connection that failed before its session started. */
    private void connectionFailed(InetSocketAddress client, long acceptMillis, String frontend,
                                  String listener, String reason) {
        LogScratch scratch = LogScratch.current();
        StringBuilder sb = scratch.message;
        sb.setLength(0);
        endpoint(sb, client);
        sb.append(" [");
        scratch.dates.appendLogDate(sb, acceptMillis);
        sb.append("] ").append(frontend).append('/').append(listener).append(": ").append(reason);
        send(sb, scratch, Syslog.INFO);
    }

    private void send(StringBuilder line, LogScratch scratch, int level) {
        for (SyslogTarget t : targets) {
            t.send(level, line, scratch);
        }
    }

    private static void endpoint(StringBuilder sb, InetSocketAddress a) {
        if (a == null) {
            sb.append('-');
        } else {
            sb.append(a.getAddress() == null ? a.getHostString() : NetUtil.toAddressString(a.getAddress())).append(':')
                    .append(a.getPort());
        }
    }
}
