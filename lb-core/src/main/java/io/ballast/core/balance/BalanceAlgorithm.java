package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.List;

/**
 * A balancing algorithm as configured on one backend ({@code balance roundrobin}). It builds a
 * {@link ServerSelector} from the servers that may take traffic now; the framework filters out down,
 * drained and maintenance servers and calls {@link #build} again whenever that set or a weight changes.
 */
@FunctionalInterface
public interface BalanceAlgorithm {

    /**
     * @param servers the usable servers, in declaration order, never empty
     * @return a selector over exactly these servers
     */
    ServerSelector build(List<Server> servers);

    /**
     * Whether this algorithm's selectors read {@link Server#effectiveWeight()}, so that a server's {@code slowstart}
     * ramp applies to it: the backend then rebuilds the selector at each step of the ramp. HAProxy applies slow
     * starts to its dynamic algorithms only ({@code roundrobin}, {@code leastconn}, {@code random} and
     * {@code hash-type consistent}); static ones ({@code static-rr}, {@code first}, map-based hashing) use the full
     * weight at once. The default is {@code false}: static.
     */
    default boolean followsSlowStart() {
        return false;
    }

    /**
     * Whether the selectors read the servers' response-time estimates ({@code Server.latency()}): only then does the
     * proxy time each response for them. The default is {@code false}.
     */
    default boolean readsLatency() {
        return false;
    }
}
