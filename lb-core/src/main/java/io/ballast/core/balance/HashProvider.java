package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;

import java.util.List;

/**
 * Base of the hash-based algorithms' providers: they need the whole {@code balance} line with the backend's
 * {@code hash-type}, so the arguments-only entry point forwards to {@link #create(BalanceSpec)}.
 */
abstract class HashProvider implements BalanceAlgorithmProvider {

    @Override
    public final BalanceAlgorithm create(List<String> arguments) {
        return create(new BalanceSpec(name(), arguments));
    }

    @Override
    public abstract BalanceAlgorithm create(BalanceSpec spec);
}
