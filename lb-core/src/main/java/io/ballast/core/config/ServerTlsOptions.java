package io.ballast.core.config;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The TLS options of a {@code server} or {@code default-server} line while it is parsed ({@code ssl}, {@code verify},
 * {@code ca-file}, {@code sni}, {@code alpn}, {@code crt}, versions, ciphers...), and the {@link ServerTlsConfig} they
 * make. A {@code server} line starts from a copy of its section's {@code default-server} options.
 */
final class ServerTlsOptions {

    /** Every option handled here, with the number of arguments it takes. */
    static final Map<String, Integer> ARITY = new TreeMap<>();

    private static final Set<TlsVerify> SERVER_VERIFY = EnumSet.of(TlsVerify.NONE, TlsVerify.REQUIRED);

    /** Options accepted without effect, with a warning. */
    private static final Set<String> IGNORED = Set.of("allow-0rtt");

    static {
        for (String k : TlsOptionSet.FLAGS) {
            ARITY.put(k, 0);
        }
        for (String k : TlsOptionSet.WITH_VALUE) {
            ARITY.put(k, 1);
        }
        for (String k : new String[] {"ssl", "no-ssl", "no-verifyhost", "ssl-reuse", "no-ssl-reuse", "allow-0rtt"}) {
            ARITY.put(k, 0);
        }
        for (String k : new String[] {"sni", "crt", "verifyhost", "crl-file"}) {
            ARITY.put(k, 1);
        }
    }

    private boolean ssl;
    private TlsOptionSet options = new TlsOptionSet();
    private ServerSni sni;
    private String verifyHost;
    private TlsFiles.CertificateFiles clientCertificate;
    private boolean sessionReuse = true;

    ServerTlsOptions copy() {
        ServerTlsOptions c = new ServerTlsOptions();
        c.ssl = ssl;
        c.options = options.copy();
        c.sni = sni;
        c.verifyHost = verifyHost;
        c.clientCertificate = clientCertificate;
        c.sessionReuse = sessionReuse;
        return c;
    }

    static boolean handles(String opt) {
        return ARITY.containsKey(opt);
    }

    /**
     * Applies one option.
     *
     * @throws IllegalArgumentException in HAProxy's words
     */
    void apply(String opt, String value, TlsDefaults defaults, Consumer<String> warnings) {
        if (IGNORED.contains(opt)) {
            warnings.accept("option '" + opt + "' is not supported yet; ignored");
            return;
        }
        switch (opt) {
            case "ssl" -> ssl = true;
            case "no-ssl" -> ssl = false;
            case "sni" -> sni = sni(value);
            case "verifyhost" -> verifyHost = value;
            case "no-verifyhost" -> verifyHost = null;
            case "ssl-reuse" -> sessionReuse = true;
            case "no-ssl-reuse" -> sessionReuse = false;
            case "crt" -> clientCertificate = TlsFiles.certificate(TlsFiles.resolve(defaults.crtBase, value));
            case "crl-file" -> throw new IllegalArgumentException("option 'crl-file' is not supported: certificate "
                    + "revocation lists are not supported yet");
            default -> options.apply(opt, value, SERVER_VERIFY, defaults.caBase);
        }
    }

    /**
     * {@code str(<name>)}, {@code req.hdr(<name>)} (also {@code hdr} and {@code req.fhdr}) or {@code ssl_fc_sni}.
     *
     * @throws IllegalArgumentException for any other expression
     */
    static ServerSni sni(String expression) {
        int open = expression.indexOf('(');
        String fetch = open < 0 ? expression : expression.substring(0, open);
        String arg = null;
        if (open >= 0 && expression.endsWith(")")) {
            arg = expression.substring(open + 1, expression.length() - 1);
        }
        switch (fetch) {
            case "str" -> {
                if (arg != null && !arg.isEmpty() && arg.indexOf(')') < 0) {
                    return new ServerSni(ServerSni.Kind.CONSTANT, arg, expression);
                }
            }
            case "req.hdr", "hdr", "req.fhdr" -> {
                if (arg != null && !arg.isEmpty() && arg.indexOf(')') < 0) {
                    int comma = arg.indexOf(',');
                    String name = comma < 0 ? arg : arg.substring(0, comma);
                    return new ServerSni(ServerSni.Kind.REQUEST_HEADER, name, expression);
                }
            }
            case "ssl_fc_sni" -> {
                if (open < 0) {
                    return new ServerSni(ServerSni.Kind.FRONTEND_SNI, null, expression);
                }
            }
            default -> {
            }
        }
        throw new IllegalArgumentException("error detected while parsing sni expression '" + expression
                + "' : not supported yet; use str(<name>), req.hdr(<name>) or ssl_fc_sni");
    }

    /**
     * The server's TLS configuration, or {@code null} without {@code ssl}.
     *
     * @param what how messages name the server: {@code server 'be/s1'}
     * @throws IllegalArgumentException in HAProxy's words
     */
    ServerTlsConfig build(TlsDefaults defaults, String what, Consumer<String> warnings) {
        if (!ssl) {
            return null;
        }
        TlsOptionSet set = options.copy();
        set.inherit(defaults.server);
        TlsSettings settings = set.resolve(warnings, what, defaults.serverVerify);
        if (settings.verify() == TlsVerify.REQUIRED && settings.caFile() == null) {
            if (options.verify == null) {
                throw new IllegalArgumentException("verify is enabled by default but no CA file specified. If you're "
                        + "running on a LAN where you're certain to trust the server's certificate, please set an "
                        + "explicit 'verify none' statement on the 'server' line, or use 'ssl-server-verify none' in "
                        + "the global section to disable server-side verifications by default.");
            }
            throw new IllegalArgumentException("verify is enabled but no CA file specified.");
        }
        return new ServerTlsConfig(settings, sni, verifyHost,
                clientCertificate == null ? null : clientCertificate.pem(),
                clientCertificate == null ? null : clientCertificate.key(), sessionReuse);
    }
}
