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

    private static String available() {
        return String.join(", ", new TreeSet<>(BalanceAlgorithms.names()));
    }
}
