package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code balance leastconn}: the server with the lowest {@code (inFlight + 1) / weight}, as HAProxy's
 * {@code lb_fwlc} does with {@code (served + queued + 1) / eweight} (Ballast has no queue, so in-flight
 * requests are the whole load). A weight-2 server therefore carries twice the concurrent requests of a
 * weight-1 server. The ratios are compared by cross-multiplication in {@code long}, without floating point.
 * Among servers with equal lowest ratios the choice goes round robin: an atomic counter, advanced
 * only when there is a tie, picks the k-th of the tied servers. (Rotating the start of the scan instead would
 * favour the tied server that follows a loaded one: with loads 1, 2, 1 the third server would get two
 * picks in three.)
 *
 * <p>Weights are dynamic: {@link Server#weight()} and {@link Server#inFlight()} are read at every pick.
 * One difference from HAProxy 2.x: HAProxy gives every idle server the key 0 whatever its weight, while
 * here an idle weight-2 server (1/2) is preferred to an idle weight-1 server (1/1); under load both agree.
 *
 * <p><b>Threads.</b> {@code pick} is called from several event loops at once without a lock. The selector
 * holds an immutable array and one {@link AtomicInteger} (the tie-breaking counter); the loads it reads are
 * atomics on {@link Server}. Two picks running at the same moment may both see the same least-loaded
 * server before either request is counted ({@code Server.requestStarted()} is the caller's job); that is
 * inherent to a lock-free least-connections and evens out as requests start.
 */
final class LeastConn implements BalanceAlgorithm {

    @Override
    public ServerSelector build(List<Server> servers) {
        Server[] all = servers.toArray(new Server[0]);
        if (all.length == 1) {
            Server only = all[0];
            return request -> only;
        }
        AtomicInteger next = new AtomicInteger();
        return request -> {
            int n = all.length;
            int best = 0;
            long bestLoad = all[0].inFlight() + 1L;
            long bestWeight = all[0].weight();
            int ties = 1;
            for (int i = 1; i < n; i++) {
                long load = all[i].inFlight() + 1L;
                long weight = all[i].weight();
                // load / weight against bestLoad / bestWeight; a weight of 0 (server about to be removed) never wins
                long lhs = load * bestWeight;
                long rhs = bestLoad * weight;
                if (lhs < rhs) {
                    best = i;
                    bestLoad = load;
                    bestWeight = weight;
                    ties = 1;
                } else if (lhs == rhs) {
                    ties++;
                }
            }
            if (ties == 1) {
                return all[best];
            }
            // Round robin among the tied servers: the k-th of them, k rotating.
            int k = Math.floorMod(next.getAndIncrement(), ties);
            for (int i = best; i < n; i++) {
                long load = all[i].inFlight() + 1L;
                long weight = all[i].weight();
                if (load * bestWeight == bestLoad * weight && k-- == 0) {
                    return all[i];
                }
            }
            return all[best]; // loads moved between the two scans
        };
    }

    /** Registers {@code leastconn}. */
    public static final class Provider implements BalanceAlgorithmProvider {

        @Override
        public String name() {
            return "leastconn";
        }

        @Override
        public BalanceAlgorithm create(List<String> arguments) {
            Arguments.requireNone(name(), arguments);
            return new LeastConn();
        }
    }
}
