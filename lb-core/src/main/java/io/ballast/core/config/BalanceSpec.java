package io.ballast.core.config;

import java.util.List;
import java.util.Objects;

/**
 * A {@code balance <algorithm> [<arguments>]} line, resolved to an algorithm at runtime through
 * {@link io.ballast.core.balance.BalanceAlgorithms}, with the backend's {@code hash-type}.
 *
 * @param algorithm the algorithm name, e.g. {@code roundrobin}, {@code random}, or a plug-in's name
 * @param arguments the words after the name (and a parenthesised argument as in {@code hdr(host)})
 * @param hashType  the backend's {@code hash-type}, {@link HashType#DEFAULT} when it has none
 */
public record BalanceSpec(String algorithm, List<String> arguments, HashType hashType) {

    /** HAProxy 2.x's default algorithm. */
    public static final BalanceSpec ROUND_ROBIN = new BalanceSpec("roundrobin", List.of());

    /** Copies the argument list. */
    public BalanceSpec {
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(hashType, "hashType");
    }

    /** A spec with the default {@code hash-type}. */
    public BalanceSpec(String algorithm, List<String> arguments) {
        this(algorithm, arguments, HashType.DEFAULT);
    }

    /** This spec with {@code hashType} instead of its own. */
    public BalanceSpec withHashType(HashType hashType) {
        return new BalanceSpec(algorithm, arguments, hashType);
    }
}
