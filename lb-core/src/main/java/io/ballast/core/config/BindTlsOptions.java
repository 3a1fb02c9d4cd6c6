package io.ballast.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The TLS options of one {@code bind} line while it is parsed ({@code ssl}, {@code crt}, {@code crt-list},
 * {@code alpn}, versions, ciphers, client certificates...), and the {@link BindTlsConfig} they make. Certificate
 * files are checked as they are named; the engine parses them when it starts.
 */
final class BindTlsOptions {

    /** Every option handled here, with the number of arguments it takes. */
    static final Map<String, Integer> ARITY = new TreeMap<>();

    /** Options HAProxy has that Ballast refuses: ignoring them would weaken or change the handshake. */
    private static final Map<String, String> REFUSED = Map.of(
            "crl-file", "certificate revocation lists are not supported yet",
            "ca-ignore-err", "ignoring client certificate errors is not supported yet",
            "crt-ignore-err", "ignoring client certificate errors is not supported yet",
            "generate-certificates", "generating certificates on the fly is not supported",
            "ca-sign-file", "generating certificates on the fly is not supported",
            "ca-sign-pass", "generating certificates on the fly is not supported",
            "tls-ticket-keys", "shared TLS ticket keys are not supported yet (each start makes random keys)");

    /** Options accepted without effect, with a warning. */
    private static final Set<String> IGNORED = Set.of("prefer-client-ciphers", "no-ca-names", "allow-0rtt", "npn");

    /** The options a {@code crt-list} line may set between brackets. */
    private static final Set<String> CRT_LIST_OPTIONS = Set.of("alpn", "ca-file", "ciphers", "ciphersuites", "curves",
            "ecdhe", "ssl-min-ver", "ssl-max-ver", "verify", "no-ca-names", "allow-0rtt", "npn", "crl-file");

    private static final Set<TlsVerify> BIND_VERIFY = EnumSet.allOf(TlsVerify.class);

    static {
        for (String k : TlsOptionSet.FLAGS) {
            ARITY.put(k, 0);
        }
        for (String k : TlsOptionSet.WITH_VALUE) {
            ARITY.put(k, 1);
        }
        for (String k : new String[] {"ssl", "strict-sni", "prefer-client-ciphers", "no-ca-names", "allow-0rtt",
                "generate-certificates"}) {
            ARITY.put(k, 0);
        }
        for (String k : new String[] {"crt", "crt-list", "crl-file", "ca-ignore-err", "crt-ignore-err", "ca-sign-file",
                "ca-sign-pass", "tls-ticket-keys", "npn"}) {
            ARITY.put(k, 1);
        }
        ARITY.remove("tls-tickets"); // a server option only
    }

    /** A certificate named on the line, with the crt-list options that apply to it (or none). */
    private record Named(TlsFiles.CertificateFiles files, List<String> filters, TlsOptionSet options, String origin) {
    }

    private final TlsDefaults defaults;
    private final Consumer<String> warnings;
    private boolean ssl;
    private boolean strictSni;
    private final TlsOptionSet options = new TlsOptionSet();
    private final List<Named> certificates = new ArrayList<>();

    BindTlsOptions(TlsDefaults defaults, Consumer<String> warnings) {
        this.defaults = defaults;
        this.warnings = warnings;
    }

    static boolean handles(String opt) {
        return ARITY.containsKey(opt);
    }

    /**
     * Applies one option.
     *
     * @throws IllegalArgumentException in HAProxy's words
     */
    void apply(String opt, String value) {
        if (REFUSED.containsKey(opt)) {
            throw new IllegalArgumentException("option '" + opt + "' is not supported: " + REFUSED.get(opt));
        }
        if (IGNORED.contains(opt)) {
            warnings.accept("option '" + opt + "' is not supported yet; ignored");
            return;
        }
        switch (opt) {
            case "ssl" -> ssl = true;
            case "strict-sni" -> strictSni = true;
            case "crt" -> {
                Path path = TlsFiles.resolve(defaults.crtBase, value);
                for (TlsFiles.CertificateFiles f : TlsFiles.certificates(path)) {
                    certificates.add(new Named(f, List.of(), null, "crt '" + f.pem() + "'"));
                }
            }
            case "crt-list" -> crtList(TlsFiles.resolve(defaults.crtBase, value));
            default -> options.apply(opt, value, BIND_VERIFY, defaults.caBase);
        }
    }

    /** Reads {@code <crtfile> [[ssl options]] [[!]sni filter ...]} lines. */
    private void crtList(Path file) {
        List<String> lines = TlsFiles.lines(file);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String origin = "crt-list '" + file + "' line " + n;
            try {
                crtListLine(line, origin);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(origin + ": " + e.getMessage());
            }
        }
    }

    private void crtListLine(String line, String origin) {
        List<String> words = new ArrayList<>(List.of(line.split("\\s+")));
        String crt = words.remove(0);
        TlsOptionSet entry = new TlsOptionSet();
        if (!words.isEmpty() && words.get(0).startsWith("[")) {
            List<String> opts = new ArrayList<>();
            boolean closed = false;
            while (!words.isEmpty() && !closed) {
                String w = words.remove(0);
                if (w.startsWith("[")) {
                    w = w.substring(1);
                }
                if (w.endsWith("]")) {
                    w = w.substring(0, w.length() - 1);
                    closed = true;
                }
                if (!w.isEmpty()) {
                    opts.add(w);
                }
            }
            if (!closed) {
                throw new IllegalArgumentException("missing ']' after the SSL options");
            }
            entryOptions(opts, entry);
        }
        Path path = TlsFiles.resolve(defaults.crtBase, crt);
        TlsFiles.CertificateFiles f = TlsFiles.certificate(path);
        certificates.add(new Named(f, words, entry, origin));
    }

    private void entryOptions(List<String> opts, TlsOptionSet entry) {
        for (int i = 0; i < opts.size(); i++) {
            String opt = opts.get(i);
            if (!CRT_LIST_OPTIONS.contains(opt)) {
                throw new IllegalArgumentException("option '" + opt + "' is not supported in a crt-list (supported: "
                        + String.join(", ", new java.util.TreeSet<>(CRT_LIST_OPTIONS)) + ")");
            }
            if (opt.equals("crl-file")) {
                throw new IllegalArgumentException("option 'crl-file' is not supported: "
                        + REFUSED.get("crl-file"));
            }
            int arity = ARITY.getOrDefault(opt, 0);
            String value = null;
            if (arity > 0) {
                if (i + 1 >= opts.size()) {
                    throw new IllegalArgumentException("option '" + opt + "' expects an argument");
                }
                value = opts.get(++i);
            }
            if (IGNORED.contains(opt)) {
                warnings.accept(opt + " is not supported yet; ignored");
                continue;
            }
            entry.apply(opt, value, BIND_VERIFY, defaults.caBase);
        }
    }

    /**
     * The listener's TLS configuration, or {@code null} without {@code ssl} (HAProxy accepts {@code crt} without
     * {@code ssl}, for nothing).
     *
     * @param what how messages name the listener: {@code bind ':443'}
     * @throws IllegalArgumentException in HAProxy's words
     */
    BindTlsConfig build(String what) {
        if (!ssl) {
            return null;
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no SSL certificate specified for " + what + " (use 'crt').");
        }
        TlsOptionSet own = options.copy();
        own.inherit(defaults.bind);
        TlsSettings settings = settings(own, what);
        List<TlsCertificate> certs = new ArrayList<>();
        for (Named n : certificates) {
            TlsSettings s = settings;
            if (n.options() != null) {
                TlsOptionSet merged = own.copy();
                merged.overlay(n.options());
                s = settings(merged, what + " (" + n.origin() + ")");
            }
            certs.add(new TlsCertificate(n.files().pem(), n.files().key(), n.filters(), s, n.origin()));
        }
        return new BindTlsConfig(certs, strictSni, settings);
    }

    private TlsSettings settings(TlsOptionSet set, String what) {
        TlsSettings s = set.resolve(warnings, what, TlsVerify.NONE);
        if (s.verify() != TlsVerify.NONE && s.caFile() == null) {
            throw new IllegalArgumentException("verify is enabled but no CA file specified for " + what
                    + " (use 'ca-file').");
        }
        return s;
    }
}
