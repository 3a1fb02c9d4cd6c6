package io.ballast.core.balance;

import java.util.List;

/**
 * Makes a {@link BalanceAlgorithm} from a {@code balance <name> [arguments]} line. Providers are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.ballast.core.balance.BalanceAlgorithmProvider} of your jar and
 * {@code balance <name>} works with no change to Ballast.
 */
public interface BalanceAlgorithmProvider {

    /** The name used after {@code balance}. */
    String name();

    /**
     * @param arguments the words after the name
     * @return the configured algorithm
     * @throws IllegalArgumentException with a sentence for the user when the arguments are wrong
     */
    BalanceAlgorithm create(List<String> arguments);
}
