package io.ballast.core.config;

import java.util.List;

/**
 * A {@code balance <algorithm> [<arguments>]} line, resolved to an algorithm at runtime through
 * {@link io.ballast.core.balance.BalanceAlgorithms}.
 *
 * @param algorithm the algorithm name, e.g. {@code roundrobin}, {@code random}, or a plug-in's name
 * @param arguments the words after the name (and a parenthesised argument as in {@code hdr(host)})
 */
public record BalanceSpec(String algorithm, List<String> arguments) {

    /** HAProxy 2.x's default algorithm. */
    public static final BalanceSpec ROUND_ROBIN = new BalanceSpec("roundrobin", List.of());

    /** Copies the argument list. */
    public BalanceSpec {
        arguments = List.copyOf(arguments);
    }
}
