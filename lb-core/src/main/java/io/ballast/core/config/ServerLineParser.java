package io.ballast.core.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses the options of {@code server} and {@code default-server} lines (cfg §5.2). Options Ballast implements
 * change the {@link ServerSettings} (TLS ones through {@link ServerTlsOptions}); options it lacks are warnings, except
 * those that would change what goes on the wire ({@code proto}, PROXY protocol v2 TLVs...) or where traffic goes
 * ({@code redir}, {@code track}, {@code init-addr}), which are errors.
 */
final class ServerLineParser {

    /** Every option understood, with the number of arguments it takes. */
    private static final Map<String, Integer> ARITY = new TreeMap<>();

    /** Options that would change the bytes sent to the server: refusing them is safer than ignoring them. */
    private static final Set<String> WIRE_CHANGING = Set.of("send-proxy-v2-ssl", "send-proxy-v2-ssl-cn",
            "proxy-v2-options", "npn", "source", "usesrc", "namespace", "set-proxy-v2-tlv-fmt");

    /** Options that would change which server gets the traffic, or where it is sent: refused too. */
    private static final Set<String> ROUTING_CHANGING = Set.of("redir", "track", "init-addr");

    static {
        for (String k : new String[] {"backup", "disabled", "enabled", "check", "no-check", "no-backup",
                "agent-check", "no-agent-check", "check-ssl", "no-check-ssl", "check-send-proxy", "ssl", "no-ssl",
                "send-proxy", "send-proxy-v2", "send-proxy-v2-ssl", "send-proxy-v2-ssl-cn", "no-send-proxy",
                "no-send-proxy-v2", "non-stick", "stick", "tfo", "no-tfo", "allow-0rtt", "no-verifyhost",
                "check-via-socks4", "socks4", "ssl-reuse", "no-ssl-reuse", "tls-tickets", "no-tls-tickets",
                "force-sslv3", "force-tlsv10", "force-tlsv11", "force-tlsv12", "force-tlsv13", "no-sslv3",
                "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "check-reuse-pool"}) {
            ARITY.put(k, 0);
        }
        for (String k : new String[] {"weight", "maxconn", "maxqueue", "minconn", "port", "inter", "fastinter",
                "downinter", "rise", "fall", "id", "slowstart", "cookie", "observe", "on-error", "on-marked-down",
                "on-marked-up", "error-limit", "agent-port", "agent-inter", "agent-addr", "agent-send",
                "init-addr", "resolvers", "resolve-prefer", "resolve-net", "resolve-opts", "track", "addr",
                "verify", "sni", "alpn", "proto", "npn", "crt", "ca-file", "crl-file", "ciphers", "ciphersuites",
                "verifyhost", "check-sni", "check-alpn", "check-proto", "source", "usesrc", "namespace",
                "pool-max-conn", "pool-low-conn", "pool-purge-delay", "max-reuse", "redir", "ssl-min-ver",
                "ssl-max-ver", "tcp-ut", "log-proto", "set-proxy-v2-tlv-fmt", "proxy-v2-options", "shard", "ws"}) {
            ARITY.put(k, 1);
        }
        ARITY.putAll(ServerTlsOptions.ARITY);
    }

    private final Diagnostics diagnostics;
    /** The global TLS statements read so far. */
    private final TlsDefaults tlsDefaults;

    ServerLineParser(Diagnostics diagnostics, TlsDefaults tlsDefaults) {
        this.diagnostics = diagnostics;
        this.tlsDefaults = tlsDefaults;
    }

    /**
     * Applies the options {@code d.words()[from..]} to {@code s}.
     *
     * @param label how the server is named in messages ({@code server b/s1} or {@code default-server})
     * @param name  the server name for HAProxy-worded messages
     */
    void parseOptions(Directive d, int from, ServerSettings s, String label, String name) {
        String kw = d.keyword();
        SourceLocation loc = d.location();
        int i = from;
        while (i < d.size()) {
            String opt = d.arg(i);
            Integer arity = ARITY.get(opt);
            if (arity == null) {
                diagnostics.error(loc, kw, label + ": unknown option '" + opt + "'"
                        + Suggestions.didYouMean(opt, ARITY.keySet()));
                i++;
                continue;
            }
            if (arity > 0 && i + arity >= d.size()) {
                diagnostics.error(loc, kw, label + ": option '" + opt + "' expects an argument");
                return;
            }
            String value = arity > 0 ? d.arg(i + 1) : null;
            try {
                apply(opt, value, s, loc, kw, label, name);
            } catch (IllegalArgumentException e) {
                diagnostics.error(loc, kw, label + ": " + e.getMessage());
            }
            i += 1 + arity;
        }
    }

    private void apply(String opt, String value, ServerSettings s, SourceLocation loc, String kw, String label,
                       String name) {
        switch (opt) {
            case "weight" -> {
                int w = integer(opt, value);
                if (w < 0 || w > 256) {
                    throw new IllegalArgumentException("weight of server " + name + " is not within 0 and 256 (" + value + ")");
                }
                s.weight = w;
            }
            case "backup" -> s.backup = true;
            case "no-backup" -> s.backup = false;
            case "disabled" -> s.disabled = true;
            case "enabled" -> s.disabled = false;
            case "maxconn" -> s.maxconn = nonNegative(opt, value);
            case "check" -> s.check = true;
            case "no-check" -> s.check = false;
            case "port" -> {
                int p = integer(opt, value);
                if (p < 1 || p > 65535) {
                    throw new IllegalArgumentException("'port' expects a check port between 1 and 65535, not '" + value + "'");
                }
                s.checkPort = p;
            }
            case "inter" -> s.inter = positiveTime(opt, value);
            case "fastinter" -> s.fastinter = positiveTime(opt, value);
            case "downinter" -> s.downinter = positiveTime(opt, value);
            case "rise" -> s.rise = atLeastOne(opt, value);
            case "fall" -> s.fall = atLeastOne(opt, value);
            case "id" -> {
                if (kw.equals("default-server")) {
                    throw new IllegalArgumentException("'id' option is not accepted in default-server sections");
                }
                s.id = customId(value);
            }
            case "slowstart" -> s.slowstart = DurationParser.parse(value, opt);
            case "send-proxy" -> s.sendProxyV1 = true;
            case "no-send-proxy" -> s.sendProxyV1 = false;
            case "send-proxy-v2" -> s.sendProxyV2 = true;
            case "no-send-proxy-v2" -> s.sendProxyV2 = false;
            case "check-send-proxy" -> s.checkSendProxy = true;
            case "proto" -> s.protoH2 = switch (value) {
                case "h2" -> true;
                case "h1" -> false;
                case "fcgi" -> throw new IllegalArgumentException("'proto fcgi' is not supported yet: FastCGI servers "
                        + "need 'fcgi-app' sections");
                default -> throw new IllegalArgumentException("'proto' :  unknown MUX protocol '" + value + "'.");
            };
            default -> {
                if (ServerCheckOptions.OPTIONS.contains(opt)) {
                    s.checkOptions.apply(opt, value, name);
                    return;
                }
                if (ServerTlsOptions.handles(opt)) {
                    s.tls.apply(opt, value, tlsDefaults, message -> diagnostics.warning(loc, kw, label + ": " + message));
                    return;
                }
                if (WIRE_CHANGING.contains(opt)) {
                    throw new IllegalArgumentException("option '" + opt + "' is not supported yet: ignoring it "
                            + "would change what is sent to the server");
                }
                if (ROUTING_CHANGING.contains(opt)) {
                    throw new IllegalArgumentException("option '" + opt + "' is not supported yet: ignoring it "
                            + "would route traffic differently than this configuration says");
                }
                if (opt.equals("maxqueue")) {
                    nonNegative(opt, value);
                    diagnostics.warning(loc, kw, label + ": option 'maxqueue' is not enforced yet; the queue is unlimited");
                } else {
                    diagnostics.warning(loc, kw, label + ": option '" + opt + "' is not supported yet; ignored");
                }
            }
        }
    }

    private static int integer(String opt, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '" + opt + "' expects an integer, not '" + value + "'");
        }
    }

    /** HAProxy's words: {@code 'id' : custom id has to be > 0.} */
    private static int customId(String value) {
        try {
            int id = Integer.parseInt(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // the same answer as for 0
        }
        throw new IllegalArgumentException("'id' : custom id has to be > 0.");
    }

    private static int nonNegative(String opt, String value) {
        int v = integer(opt, value);
        if (v < 0) {
            throw new IllegalArgumentException("option '" + opt + "' expects a positive integer, not '" + value + "'");
        }
        return v;
    }

    private static int atLeastOne(String opt, String value) {
        int v = integer(opt, value);
        if (v < 1) {
            throw new IllegalArgumentException("option '" + opt + "' expects an integer of at least 1, not '" + value + "'");
        }
        return v;
    }

    private static long positiveTime(String opt, String value) {
        long v = DurationParser.parse(value, opt);
        if (v == 0) {
            throw new IllegalArgumentException("option '" + opt + "' expects a time greater than 0, not '" + value + "'");
        }
        return v;
    }
}
