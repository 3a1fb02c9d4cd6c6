package io.ballast.core.config;

import java.util.List;
import java.util.Objects;

/**
 * How a backend chooses its server: the {@code balance <algorithm> [<arguments>]} line, resolved to an algorithm at
 * runtime through {@link io.ballast.core.balance.BalanceAlgorithms}, with the backend's other selection settings.
 *
 * @param algorithm         the algorithm name, e.g. {@code roundrobin}, {@code random}, or a plug-in's name
 * @param arguments         the words after the name (and a parenthesised argument as in {@code hdr(host)})
 * @param hashType          the backend's {@code hash-type}, {@link HashType#DEFAULT} when it has none
 * @param hashBalanceFactor {@code hash-balance-factor}: with {@code hash-type consistent}, the most a server may
 *                          carry as a percentage of the average load (above 100), or 0 for no bound
 * @param allBackups        {@code option allbackups}: when no active server is usable, all usable backup servers
 *                          share the load instead of only the first one
 */
public record BalanceSpec(String algorithm, List<String> arguments, HashType hashType, int hashBalanceFactor,
                          boolean allBackups) {

    /** HAProxy 2.x's default algorithm. */
    public static final BalanceSpec ROUND_ROBIN = new BalanceSpec("roundrobin", List.of());

    /** Copies the argument list and checks the factor. */
    public BalanceSpec {
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(hashType, "hashType");
        if (hashBalanceFactor != 0 && hashBalanceFactor <= 100) {
            throw new IllegalArgumentException("'hash-balance-factor' must be 0 or greater than 100.");
        }
    }

    /** A spec with the default {@code hash-type}, no balance factor and only the first backup. */
    public BalanceSpec(String algorithm, List<String> arguments) {
        this(algorithm, arguments, HashType.DEFAULT);
    }

    /** A spec with no balance factor and only the first backup. */
    public BalanceSpec(String algorithm, List<String> arguments, HashType hashType) {
        this(algorithm, arguments, hashType, 0, false);
    }

    /** This spec with {@code hashType} instead of its own. */
    public BalanceSpec withHashType(HashType hashType) {
        return new BalanceSpec(algorithm, arguments, hashType, hashBalanceFactor, allBackups);
    }

    /** This spec with {@code hash-balance-factor} set to {@code factor}. */
    public BalanceSpec withHashBalanceFactor(int factor) {
        return new BalanceSpec(algorithm, arguments, hashType, factor, allBackups);
    }

    /** This spec with {@code option allbackups} set to {@code enabled}. */
    public BalanceSpec withAllBackups(boolean enabled) {
        return new BalanceSpec(algorithm, arguments, hashType, hashBalanceFactor, enabled);
    }
}
