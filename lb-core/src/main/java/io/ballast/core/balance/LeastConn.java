package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.List;

/**
 * {@code balance leastconn}: the server with the lowest {@code (inFlight + 1) / weight}, as HAProxy's
 * {@code lb_fwlc} does with {@code (served + queued + 1) / eweight} (Ballast has no queue, so in-flight requests are
 * the whole load). A weight-2 server therefore carries twice the concurrent requests of a weight-1 server. The
 * servers are kept ordered by load in a {@link LeastConnHeap}, so a pick costs the same for 2 or 1000 servers and
 * each start or end of a request {@code O(log n)}; ties go to the server whose load changed least recently.
 *
 * <p>Weights are the {@linkplain Server#effectiveWeight() effective weights}: the backend rebuilds the selector on
 * every weight change and at each step of a {@code slowstart} ramp. One difference from HAProxy 2.x: HAProxy gives
 * every idle server the key 0 whatever its weight, while here an idle weight-2 server (1/2) is preferred to an idle
 * weight-1 server (1/1); under load both agree.
 *
 * <p><b>Threads.</b> See {@link LeastConnHeap}: picks are lock-free, load changes take a short lock.
 */
final class LeastConn implements BalanceAlgorithm {

    @Override
    public ServerSelector build(List<Server> servers) {
        if (servers.size() == 1) {
            Server only = servers.get(0);
            return request -> only;
        }
        return LeastConnHeap.of(servers);
    }

    @Override
    public boolean followsSlowStart() {
        return true;
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
