package com.example.balance;

import io.ballast.core.balance.BalanceAlgorithm;
import io.ballast.core.balance.BalanceAlgorithmProvider;
import io.ballast.core.server.Server;

import java.util.List;

/**
 * A user's balancing algorithm, outside Ballast's packages, as a third-party jar would ship it:
 * {@code balance pinned <server>} sends every request to that server while it is usable, and to the
 * first usable server otherwise. The integration test packs it into a jar of its own.
 */
public final class PinnedServerProvider implements BalanceAlgorithmProvider {

    @Override
    public String name() {
        return "pinned";
    }

    @Override
    public BalanceAlgorithm create(List<String> arguments) {
        if (arguments.size() != 1) {
            throw new IllegalArgumentException("'pinned' expects the name of one server");
        }
        String pinned = arguments.get(0);
        return servers -> {
            Server chosen = servers.stream().filter(s -> s.name().equals(pinned)).findFirst().orElse(servers.get(0));
            return request -> chosen;
        };
    }
}
