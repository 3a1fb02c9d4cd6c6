package io.ballast.core.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The handshake options of a {@code bind} line, a {@code crt-list} entry, a {@code server} line or a global
 * {@code ssl-default-*} statement while they are parsed: what was written, unset options {@code null}. Resolved into
 * {@link TlsSettings} the way HAProxy 2.6 does: {@code ssl-min-ver}/{@code ssl-max-ver} win over {@code no-*} flags,
 * the default range is TLSv1.2 to TLSv1.3.
 */
final class TlsOptionSet {

    /** The options that take a value, with what they expect. */
    static final Set<String> WITH_VALUE = Set.of("ssl-min-ver", "ssl-max-ver", "ciphers", "ciphersuites", "curves",
            "ecdhe", "alpn", "ca-file", "verify");

    /** The flags handled here. */
    static final Set<String> FLAGS = Set.of("no-sslv3", "no-tlsv10", "no-tlsv11", "no-tlsv12", "no-tlsv13",
            "force-sslv3", "force-tlsv10", "force-tlsv11", "force-tlsv12", "force-tlsv13", "no-tls-tickets",
            "tls-tickets");

    TlsVersion min;
    TlsVersion max;
    final EnumSet<TlsVersion> disabled = EnumSet.noneOf(TlsVersion.class);
    String ciphers;
    String cipherSuites;
    String curves;
    List<String> alpn;
    Boolean ticketsDisabled;
    Path caFile;
    TlsVerify verify;

    TlsOptionSet copy() {
        TlsOptionSet c = new TlsOptionSet();
        c.overlay(this);
        return c;
    }

    /** Takes every option {@code other} sets, keeping this one's where {@code other} says nothing. */
    void overlay(TlsOptionSet other) {
        if (other.min != null) {
            min = other.min;
        }
        if (other.max != null) {
            max = other.max;
        }
        disabled.addAll(other.disabled);
        if (other.ciphers != null) {
            ciphers = other.ciphers;
        }
        if (other.cipherSuites != null) {
            cipherSuites = other.cipherSuites;
        }
        if (other.curves != null) {
            curves = other.curves;
        }
        if (other.alpn != null) {
            alpn = other.alpn;
        }
        if (other.ticketsDisabled != null) {
            ticketsDisabled = other.ticketsDisabled;
        }
        if (other.caFile != null) {
            caFile = other.caFile;
        }
        if (other.verify != null) {
            verify = other.verify;
        }
    }

    /** Fills what is unset from the global defaults ({@code ssl-default-bind-*} or {@code ssl-default-server-*}). */
    void inherit(TlsOptionSet defaults) {
        if (min == null) {
            min = defaults.min;
        }
        if (max == null) {
            max = defaults.max;
        }
        disabled.addAll(defaults.disabled);
        if (ciphers == null) {
            ciphers = defaults.ciphers;
        }
        if (cipherSuites == null) {
            cipherSuites = defaults.cipherSuites;
        }
        if (curves == null) {
            curves = defaults.curves;
        }
        if (ticketsDisabled == null) {
            ticketsDisabled = defaults.ticketsDisabled;
        }
    }

    /** Whether {@code opt} is an option of this set (with or without a value). */
    static boolean handles(String opt) {
        return WITH_VALUE.contains(opt) || FLAGS.contains(opt);
    }

    /**
     * Applies one option.
     *
     * @param value         its value, {@code null} for a flag
     * @param verifyChoices {@code verify} values accepted here ({@code optional} only on listeners)
     * @param caBase        {@code ca-base}, or {@code null}
     * @throws IllegalArgumentException in HAProxy's words
     */
    void apply(String opt, String value, Set<TlsVerify> verifyChoices, String caBase) {
        switch (opt) {
            case "ssl-min-ver" -> min = version(value);
            case "ssl-max-ver" -> max = version(value);
            case "ciphers" -> ciphers = value;
            case "ciphersuites" -> cipherSuites = value;
            case "curves", "ecdhe" -> curves = value;
            case "alpn" -> alpn = alpn(value);
            case "ca-file" -> caFile = TlsFiles.readableCaFile(TlsFiles.resolve(caBase, value));
            case "verify" -> verify = verify(value, verifyChoices);
            case "no-tls-tickets" -> ticketsDisabled = true;
            case "tls-tickets" -> ticketsDisabled = false;
            default -> {
                if (opt.startsWith("no-")) {
                    disabled.add(TlsVersion.ofFlag(opt.substring(3)));
                } else if (opt.startsWith("force-")) {
                    TlsVersion v = TlsVersion.ofFlag(opt.substring(6));
                    min = v;
                    max = v;
                } else {
                    throw new IllegalArgumentException("unknown TLS option '" + opt + "'");
                }
            }
        }
    }

    private static TlsVersion version(String value) {
        TlsVersion v = TlsVersion.named(value);
        if (v == null) {
            throw new IllegalArgumentException("'" + value + "' : unknown ssl/tls version (known: SSLv3, TLSv1.0, "
                    + "TLSv1.1, TLSv1.2, TLSv1.3)");
        }
        return v;
    }

    private static List<String> alpn(String value) {
        List<String> protocols = new ArrayList<>(Arrays.asList(value.split(",", -1)));
        for (String p : protocols) {
            if (p.isEmpty() || p.length() > 255) {
                throw new IllegalArgumentException("'alpn' : each protocol name must be 1 to 255 characters long, "
                        + "in a comma-separated list such as 'http/1.1'");
            }
        }
        return protocols;
    }

    private static TlsVerify verify(String value, Set<TlsVerify> choices) {
        TlsVerify v = switch (value) {
            case "none" -> TlsVerify.NONE;
            case "optional" -> TlsVerify.OPTIONAL;
            case "required" -> TlsVerify.REQUIRED;
            default -> null;
        };
        if (v == null || !choices.contains(v)) {
            String known = choices.contains(TlsVerify.OPTIONAL) ? "only 'none', 'optional', and 'required' are supported"
                    : "only 'none' and 'required' are supported.";
            throw new IllegalArgumentException("'verify' : unknown verify method '" + value + "', " + known);
        }
        return v;
    }

    /**
     * The settings these options give, as HAProxy 2.6 computes them: {@code no-*} flags are ignored (with a warning)
     * when {@code ssl-min-ver} or {@code ssl-max-ver} is set; the range defaults to TLSv1.2..TLSv1.3.
     *
     * @param warnings where a warning goes
     * @param what     how messages name the listener or server ({@code bind ':443'})
     * @throws IllegalArgumentException when no version is left
     */
    TlsSettings resolve(Consumer<String> warnings, String what, TlsVerify defaultVerify) {
        Set<TlsVersion> off = disabled;
        if (!disabled.isEmpty() && (min != null || max != null)) {
            warnings.accept("no-sslv3/no-tlsv1x are ignored for " + what
                    + ". Use only 'ssl-min-ver' and 'ssl-max-ver' to fix.");
            off = Set.of();
        }
        TlsVersion lo = min != null ? min : TlsVersion.TLSV1_2;
        TlsVersion hi = max != null ? max : TlsVersion.TLSV1_3;
        List<TlsVersion> versions = new ArrayList<>();
        for (TlsVersion v : TlsVersion.values()) {
            if (v.compareTo(lo) >= 0 && v.compareTo(hi) <= 0 && !off.contains(v)) {
                versions.add(v);
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("all SSL/TLS versions are disabled for " + what + ".");
        }
        return new TlsSettings(versions, ciphers, cipherSuites, curves, alpn == null ? List.of() : alpn,
                Boolean.TRUE.equals(ticketsDisabled), caFile, verify != null ? verify : defaultVerify);
    }
}
