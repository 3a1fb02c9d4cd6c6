package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code balance static-rr}: weighted round robin over an order computed once per selector build (the same
 * smooth interleaving as {@code roundrobin}, see {@link SmoothWeightedOrder}).
 *
 * <p><b>What "static" means here.</b> In HAProxy a static algorithm refuses runtime weight changes other
 * than to 0% and back to 100%. Ballast's {@code Backend} accepts any {@link Server#setWeight} and rebuilds
 * the selector, so this algorithm gets the same effect by using the <em>configured</em> weight,
 * {@code ServerConfig.weight()}, and never {@link Server#weight()}:
 * <ul>
 *   <li>a runtime weight of 0 takes the server out (the framework does not pass it to {@link #build});</li>
 *   <li>setting it back to any non-zero value brings it back with its configured weight, at once;</li>
 *   <li>any other runtime change (say 1 → 5) changes nothing in the distribution;</li>
 *   <li>a server configured with weight 0 stays out even if a runtime weight makes it usable, since its
 *       static weight is 0. If every usable server is in that case the selector picks nothing
 *       ({@code null}).</li>
 * </ul>
 * A rebuild restarts the turn order from the beginning.
 *
 * <p><b>Threads.</b> {@code pick} is called from several event loops at once without a lock: the selector is
 * an immutable array plus one {@link AtomicInteger}, so a pick is one atomic increment and an array read.
 */
final class StaticRoundRobin implements BalanceAlgorithm {

    @Override
    public ServerSelector build(List<Server> servers) {
        List<Server> kept = new ArrayList<>(servers.size());
        for (Server s : servers) {
            if (s.config().weight() > 0) {
                kept.add(s);
            }
        }
        if (kept.isEmpty()) {
            return ServerSelector.EMPTY;
        }
        Server[] order = SmoothWeightedOrder.of(kept, s -> s.config().weight());
        AtomicInteger next = new AtomicInteger();
        return request -> order[Math.floorMod(next.getAndIncrement(), order.length)];
    }

    /** Registers {@code static-rr}. */
    public static final class Provider implements BalanceAlgorithmProvider {

        @Override
        public String name() {
            return "static-rr";
        }

        @Override
        public BalanceAlgorithm create(List<String> arguments) {
            Arguments.requireNone(name(), arguments);
            return new StaticRoundRobin();
        }
    }
}
