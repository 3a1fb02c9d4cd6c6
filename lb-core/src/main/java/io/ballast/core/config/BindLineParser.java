package io.ballast.core.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Parses {@code bind <address>[,<address>...] [options]} into one {@link BindConfig} per address. */
final class BindLineParser {

    private static final Map<String, Integer> ARITY = new TreeMap<>();

    /** Options that change what is on the wire: refused rather than ignored. */
    private static final Set<String> WIRE_CHANGING = Set.of("proto", "quic-force-retry");

    /** Options that change who can connect (interface, address family, socket permissions): refused too. */
    private static final Set<String> EXPOSURE_CHANGING = Set.of("interface", "mode", "user", "group", "uid", "gid",
            "accept-netscaler-cip", "v6only", "v4v6");

    static {
        for (String k : new String[] {"ssl", "accept-proxy", "v4v6", "v6only", "transparent", "defer-accept", "tfo",
                "strict-sni", "allow-0rtt", "prefer-client-ciphers", "no-ca-names", "generate-certificates",
                "no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13", "force-sslv3", "force-tlsv10",
                "force-tlsv11", "force-tlsv12", "force-tlsv13", "no-tls-tickets",
                "quic-force-retry"}) {
            ARITY.put(k, 0);
        }
        for (String k : new String[] {"tls-ticket-keys", "expose-fd", "name", "crt", "crt-list", "alpn", "proto", "mode", "user", "group", "uid",
                "gid", "interface", "process", "thread", "nice", "maxconn", "backlog", "tcp-ut", "npn", "id", "level",
                "severity-output", "mss", "namespace", "ca-file", "ca-ignore-err", "ca-sign-file", "ca-sign-pass",
                "ciphers", "ciphersuites", "crl-file", "crt-ignore-err", "curves", "ecdhe", "ssl-min-ver",
                "ssl-max-ver", "verify", "accept-netscaler-cip", "label"}) {
            ARITY.put(k, 1);
        }
    }

    private final EndpointParser endpoints;
    private final Diagnostics diagnostics;
    /** The global TLS statements read so far. */
    private final TlsDefaults tlsDefaults;

    BindLineParser(EndpointParser endpoints, Diagnostics diagnostics, TlsDefaults tlsDefaults) {
        this.endpoints = endpoints;
        this.diagnostics = diagnostics;
        this.tlsDefaults = tlsDefaults;
    }

    /** Adds the binds of {@code d} to {@code into}. */
    void parse(Directive d, List<BindConfig> into) {
        SourceLocation loc = d.location();
        if (d.size() < 2) {
            diagnostics.error(loc, "bind", "expects an address such as '*:80', ':443', 'unix@/run/x.sock' or 'fd@3'");
            return;
        }
        List<Endpoint> eps;
        try {
            eps = endpoints.parseBind(d.arg(1));
        } catch (IllegalArgumentException e) {
            diagnostics.error(loc, "bind", e.getMessage());
            return;
        }
        String name = null;
        boolean acceptProxy = false;
        String label = "bind " + d.arg(1);
        BindTlsOptions tls = new BindTlsOptions(tlsDefaults, message -> diagnostics.warning(loc, label, message));
        int errorsBefore = diagnostics.errorCount();
        int i = 2;
        while (i < d.size()) {
            String opt = d.arg(i);
            if (BindTlsOptions.handles(opt)) {
                int n = BindTlsOptions.ARITY.get(opt);
                if (n > 0 && i + n >= d.size()) {
                    diagnostics.error(loc, label, "option '" + opt + "' expects an argument");
                    break;
                }
                try {
                    tls.apply(opt, n > 0 ? d.arg(i + 1) : null);
                } catch (IllegalArgumentException e) {
                    diagnostics.error(loc, label, e.getMessage());
                }
                i += 1 + n;
                continue;
            }
            Integer arity = ARITY.get(opt);
            if (arity == null) {
                diagnostics.error(loc, label, "unknown option '" + opt + "'" + Suggestions.didYouMean(opt, ARITY.keySet()));
                i++;
                continue;
            }
            if (arity > 0 && i + arity >= d.size()) {
                diagnostics.error(loc, label, "option '" + opt + "' expects an argument");
                break;
            }
            if (opt.equals("name")) {
                name = d.arg(i + 1);
            } else if (opt.equals("accept-proxy")) {
                acceptProxy = true;
            } else if (WIRE_CHANGING.contains(opt)) {
                diagnostics.error(loc, label, "option '" + opt + "' is not supported yet: ignoring it would change "
                        + "what is on the wire");
            } else if (EXPOSURE_CHANGING.contains(opt)) {
                diagnostics.error(loc, label, "option '" + opt + "' is not supported yet: ignoring it would change "
                        + "who can connect to this listener");
            } else {
                diagnostics.warning(loc, label, "option '" + opt + "' is not supported yet; ignored");
            }
            i += 1 + arity;
        }
        BindTlsConfig tlsConfig = null;
        if (diagnostics.errorCount() == errorsBefore) { // else "no certificate" would only repeat the error
            try {
                tlsConfig = tls.build("bind '" + d.arg(1) + "'");
            } catch (IllegalArgumentException e) {
                diagnostics.error(loc, label, e.getMessage());
            }
        }
        for (Endpoint e : eps) {
            into.add(new BindConfig(e, name, loc, tlsConfig, acceptProxy));
        }
    }
}
