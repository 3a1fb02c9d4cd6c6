package io.ballast.core.config;

import io.ballast.core.balance.BalanceAlgorithms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses {@code balance <algorithm> [<arguments>]}, including the parenthesised forms {@code hdr(name)},
 * {@code random(2)} and {@code rdp-cookie(name)}.
 */
final class BalanceParser {

    /** HAProxy 2.6 algorithms; those Ballast lacks fall back to round robin with a warning. */
    static final Set<String> HAPROXY_ALGORITHMS = Set.of("roundrobin", "static-rr", "leastconn", "first", "source",
            "uri", "url_param", "hdr", "random", "rdp-cookie", "hash");

    private final Diagnostics diagnostics;

    BalanceParser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The spec of {@code d}, or {@code null} after reporting an error. */
    BalanceSpec parse(Directive d) {
        String word = d.arg(1);
        if (word == null) {
            diagnostics.error(d.location(), "balance", "expects an algorithm; available: " + available());
            return null;
        }
        String name = word;
        List<String> args = new ArrayList<>();
        int open = word.indexOf('(');
        if (open >= 0) {
            if (!word.endsWith(")")) {
                diagnostics.error(d.location(), "balance", "missing ')' in '" + word + "'");
                return null;
            }
            name = word.substring(0, open);
            String inner = word.substring(open + 1, word.length() - 1);
            if (!inner.isEmpty()) {
                args.add(inner);
            }
        }
        args.addAll(d.words().subList(2, d.size()));
        if (BalanceAlgorithms.exists(name)) {
            BalanceSpec spec = new BalanceSpec(name, args);
            try {
                BalanceAlgorithms.create(spec); // the provider checks its arguments now, so that -c reports them
            } catch (IllegalArgumentException e) {
                diagnostics.error(d.location(), "balance", e.getMessage());
                return null;
            }
            return spec;
        }
        if (HAPROXY_ALGORITHMS.contains(name)) {
            diagnostics.warning(d.location(), "balance", "balance '" + name + "' is not supported yet; using roundrobin");
            return BalanceSpec.ROUND_ROBIN;
        }
        diagnostics.error(d.location(), "balance", "unknown algorithm '" + word + "'; available: " + available()
                + Suggestions.didYouMean(name, HAPROXY_ALGORITHMS));
        return null;
    }

    /**
     * Parses {@code hash-type <method> [<function> [avalanche]]} as HAProxy 2.6 does: without a function the
     * default is sdbm, with avalanche only for {@code consistent}.
     *
     * @return the hash type, or {@code null} after reporting an error
     */
    HashType parseHashType(Directive d) {
        String method = d.arg(1);
        HashType.Method m;
        if ("map-based".equals(method)) {
            m = HashType.Method.MAP_BASED;
        } else if ("consistent".equals(method)) {
            m = HashType.Method.CONSISTENT;
        } else if ("avalanche".equals(method)) {
            diagnostics.error(d.location(), "hash-type", "experimental feature 'hash-type avalanche' is not supported"
                    + " anymore, please use 'hash-type map-based sdbm avalanche' instead.");
            return null;
        } else {
            diagnostics.error(d.location(), "hash-type", "'hash-type' only supports 'consistent' and 'map-based'.");
            return null;
        }
        String function = d.arg(2);
        HashType type;
        if (function == null) {
            type = new HashType(m, HashType.Function.SDBM, m == HashType.Method.CONSISTENT);
        } else {
            HashType.Function f = switch (function) {
                case "sdbm" -> HashType.Function.SDBM;
                case "djb2" -> HashType.Function.DJB2;
                case "wt6" -> HashType.Function.WT6;
                case "crc32" -> HashType.Function.CRC32;
                default -> null;
            };
            if (f == null) {
                diagnostics.error(d.location(), "hash-type",
                        "'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions.");
                return null;
            }
            String modifier = d.arg(3);
            if (modifier != null && !"avalanche".equals(modifier)) {
                diagnostics.error(d.location(), "hash-type",
                        "'hash-type' only supports 'avalanche' as a modifier for hash functions.");
                return null;
            }
            if (d.size() > 4) {
                diagnostics.error(d.location(), "hash-type", "unexpected argument '" + d.arg(4) + "'.");
                return null;
            }
            type = new HashType(m, f, modifier != null);
        }
        return type;
    }

    /**
     * Parses {@code hash-balance-factor <n>}: 0 (no bound) or above 100, as HAProxy 2.6 requires, with its
     * messages. HAProxy reads a non-number as 0; Ballast refuses it.
     *
     * @return the factor, or {@code null} after reporting an error
     */
    Integer parseHashBalanceFactor(Directive d) {
        String kw = "hash-balance-factor";
        String value = d.arg(1);
        if (value == null || value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            diagnostics.error(d.location(), kw, "'" + kw + "' expects an integer argument.");
            return null;
        }
        if (d.size() > 2) {
            diagnostics.error(d.location(), kw, "unexpected argument '" + d.arg(2) + "'.");
            return null;
        }
        int factor = Integer.parseInt(value);
        if (factor != 0 && factor <= 100) {
            diagnostics.error(d.location(), kw, "'" + kw + "' must be 0 or greater than 100.");
            return null;
        }
        return factor;
    }

    private static String available() {
        return String.join(", ", new TreeSet<>(BalanceAlgorithms.names()));
    }
}
