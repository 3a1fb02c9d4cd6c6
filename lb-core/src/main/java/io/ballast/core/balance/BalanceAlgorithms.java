package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Finds balancing algorithms by name among the built-in ones and those on the class path. */
public final class BalanceAlgorithms {

    private static final Map<String, BalanceAlgorithmProvider> PROVIDERS = ServiceLoader
            .load(BalanceAlgorithmProvider.class, BalanceAlgorithms.class.getClassLoader())
            .stream()
            .map(ServiceLoader.Provider::get)
            .collect(Collectors.toMap(BalanceAlgorithmProvider::name, Function.identity(), (a, b) -> a, TreeMap::new));

    private BalanceAlgorithms() {
    }

    /**
     * @param spec the {@code balance} line
     * @return the algorithm it names
     * @throws IllegalArgumentException when no provider has that name or the arguments are wrong
     */
    public static BalanceAlgorithm create(BalanceSpec spec) {
        BalanceAlgorithmProvider provider = PROVIDERS.get(spec.algorithm());
        if (provider == null) {
            throw new IllegalArgumentException("unknown balancing algorithm '" + spec.algorithm()
                    + "'; available: " + String.join(", ", PROVIDERS.keySet()));
        }
        return provider.create(spec);
    }

    /** Whether an algorithm called {@code name} is available. */
    public static boolean exists(String name) {
        return PROVIDERS.containsKey(name);
    }

    /** The names of all available algorithms, sorted. */
    public static java.util.Set<String> names() {
        return PROVIDERS.keySet();
    }
}
