package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;

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

    /**
     * Makes the algorithm from the whole {@code balance} line, including the backend's {@code hash-type}. The
     * default ignores the hash type and calls {@link #create(List)}; hash-based algorithms override it.
     *
     * @param spec the {@code balance} line
     * @return the configured algorithm
     * @throws IllegalArgumentException with a sentence for the user when the arguments are wrong
     */
    default BalanceAlgorithm create(BalanceSpec spec) {
        return create(spec.arguments());
    }
}
