package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.List;

/**
 * An example plug-in algorithm, registered the way a user's jar registers one (a
 * {@code META-INF/services} entry): {@code balance preferred <server>} sends every request to the named
 * server while it is usable, and round robin over the others otherwise.
 */
public final class PreferredServerProvider implements BalanceAlgorithmProvider {

    @Override
    public String name() {
        return "preferred";
    }

    @Override
    public BalanceAlgorithm create(List<String> arguments) {
        if (arguments.size() != 1) {
            throw new IllegalArgumentException("'preferred' expects the name of the preferred server");
        }
        String preferred = arguments.get(0);
        BalanceAlgorithm fallback = BalanceAlgorithms.create(io.ballast.core.config.BalanceSpec.ROUND_ROBIN);
        return servers -> {
            for (Server s : servers) {
                if (s.name().equals(preferred)) {
                    return request -> s;
                }
            }
            return fallback.build(servers);
        };
    }
}
