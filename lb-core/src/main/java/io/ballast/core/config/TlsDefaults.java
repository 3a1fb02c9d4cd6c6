package io.ballast.core.config;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The TLS statements of the {@code global} section: {@code ssl-default-bind-*}, {@code ssl-default-server-*},
 * {@code ssl-server-verify}, {@code ca-base} and {@code crt-base}. As in HAProxy, they apply to the {@code bind} and
 * {@code server} lines that follow them.
 */
final class TlsDefaults {

    /** Options of {@code ssl-default-*-options} that Ballast accepts without acting on them. */
    private static final Set<String> IGNORED_OPTIONS = Set.of("prefer-client-ciphers", "no-ca-names", "allow-0rtt");

    final TlsOptionSet bind = new TlsOptionSet();
    final TlsOptionSet server = new TlsOptionSet();
    /** {@code ssl-server-verify}: the {@code verify} of servers that do not say. */
    TlsVerify serverVerify = TlsVerify.REQUIRED;
    String caBase;
    String crtBase;

    /**
     * Applies {@code d} if it is one of the statements handled here.
     *
     * @param warnings where a warning about {@code d} goes
     * @return whether it was
     * @throws IllegalArgumentException in HAProxy's words
     */
    boolean apply(Directive d, Consumer<String> warnings) {
        String kw = d.keyword();
        switch (kw) {
            case "ca-base", "crt-base" -> {
                if (d.size() != 2) {
                    throw new IllegalArgumentException("expects a directory path as an argument.");
                }
                if (kw.equals("ca-base")) {
                    caBase = d.arg(1);
                } else {
                    crtBase = d.arg(1);
                }
            }
            case "ssl-default-bind-ciphers" -> bind.ciphers = value(d, "a cipher suite");
            case "ssl-default-bind-ciphersuites" -> bind.cipherSuites = value(d, "a cipher suite");
            case "ssl-default-bind-curves" -> bind.curves = value(d, "a curves list");
            case "ssl-default-server-ciphers" -> server.ciphers = value(d, "a cipher suite");
            case "ssl-default-server-ciphersuites" -> server.cipherSuites = value(d, "a cipher suite");
            case "ssl-default-server-curves" -> server.curves = value(d, "a curves list");
            case "ssl-default-bind-options" -> options(d, bind, warnings);
            case "ssl-default-server-options" -> options(d, server, warnings);
            case "ssl-server-verify" -> {
                if (d.size() != 2 || !(d.arg(1).equals("none") || d.arg(1).equals("required"))) {
                    throw new IllegalArgumentException("'ssl-server-verify' expects 'none' or 'required' as argument.");
                }
                serverVerify = d.arg(1).equals("none") ? TlsVerify.NONE : TlsVerify.REQUIRED;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String value(Directive d, String what) {
        if (d.size() != 2) {
            throw new IllegalArgumentException("global statement '" + d.keyword() + "' expects " + what
                    + " as an argument.");
        }
        return d.arg(1);
    }

    private static void options(Directive d, TlsOptionSet into, Consumer<String> warnings) {
        String kw = d.keyword();
        int i = 1;
        while (i < d.size()) {
            String opt = d.arg(i);
            if (opt.equals("ssl-min-ver") || opt.equals("ssl-max-ver")) {
                if (i + 1 >= d.size()) {
                    throw new IllegalArgumentException("'" + opt + "' on global statement '" + kw
                            + "' expects a version such as TLSv1.2.");
                }
                into.apply(opt, d.arg(i + 1), Set.of(), null);
                i += 2;
                continue;
            }
            if (TlsOptionSet.FLAGS.contains(opt)) {
                into.apply(opt, null, Set.of(), null);
            } else if (IGNORED_OPTIONS.contains(opt)) {
                warnings.accept("option '" + opt + "' of '" + kw + "' is not supported yet; ignored");
            } else {
                throw new IllegalArgumentException("unknown option '" + opt + "' on global statement '" + kw + "'.");
            }
            i++;
        }
    }
}
