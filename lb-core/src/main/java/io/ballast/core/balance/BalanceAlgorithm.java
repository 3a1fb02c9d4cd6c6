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
}
