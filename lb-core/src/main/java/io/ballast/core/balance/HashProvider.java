package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;

import java.util.List;

/**
 * Base of the hash-based algorithms' providers, built-in or plug-in (see {@link KeyedHash}): they need the whole
 * {@code balance} line with the backend's {@code hash-type}, so the arguments-only entry point forwards to
 * {@link #create(BalanceSpec)} with the default hash type.
 */
public abstract class HashProvider implements BalanceAlgorithmProvider {

    /** Forwards to {@link #create(BalanceSpec)} with the default {@code hash-type}. */
    @Override
    public final BalanceAlgorithm create(List<String> arguments) {
        return create(new BalanceSpec(name(), arguments));
    }

    /**
     * Makes the algorithm from the {@code balance} line, reading its {@link BalanceSpec#hashType()} and
     * {@link BalanceSpec#hashBalanceFactor()}.
     *
     * @throws IllegalArgumentException with a sentence for the user when the arguments are wrong
     */
    @Override
    public abstract BalanceAlgorithm create(BalanceSpec spec);
}
