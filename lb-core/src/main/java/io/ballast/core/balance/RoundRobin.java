package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code balance roundrobin}: each server in turn, as often as its weight says, with heavy servers' turns
 * spread out rather than bunched (smooth weighted interleaving). The turn order is computed once per
 * selector build, so a pick is one atomic increment and an array read. Weights are the servers'
 * {@linkplain Server#effectiveWeight() effective weights}, so runtime changes and {@code slowstart} ramps apply
 * (the backend rebuilds the selector at each step); a rebuild restarts the turn order.
 */
final class RoundRobin implements BalanceAlgorithm {

    @Override
    public ServerSelector build(List<Server> servers) {
        Server[] order = SmoothWeightedOrder.of(servers, Server::effectiveWeight);
        AtomicInteger next = new AtomicInteger();
        return request -> order[Math.floorMod(next.getAndIncrement(), order.length)];
    }

    @Override
    public boolean followsSlowStart() {
        return true;
    }

    /** Registers {@code roundrobin}. */
    public static final class Provider implements BalanceAlgorithmProvider {

        @Override
        public String name() {
            return "roundrobin";
        }

        @Override
        public BalanceAlgorithm create(List<String> arguments) {
            Arguments.requireNone(name(), arguments);
            return new RoundRobin();
        }
    }
}
