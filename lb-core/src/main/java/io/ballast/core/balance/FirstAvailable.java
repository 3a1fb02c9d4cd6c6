package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.Arrays;
import java.util.List;

/**
 * {@code balance first}: the first server, in declaration order, with a free slot under its
 * {@code maxconn} ({@code ServerConfig.maxconn()}, 0 meaning no limit, so a server without {@code maxconn}
 * takes everything once reached). Weights are ignored. Meant to be used with {@code maxconn}, to use as few
 * servers as possible so that the idle ones can be powered down. HAProxy orders servers by numeric
 * {@code id}; Ballast has no {@code id}, so declaration order is that order.
 *
 * <p><b>When every server is full</b> HAProxy queues the request until a slot frees up. Ballast has no queue
 * yet, so this algorithm then picks the server least loaded relative to its {@code maxconn}
 * ({@code inFlight / maxconn}, compared by cross-multiplication; the earliest declared wins a tie), which
 * goes over that server's {@code maxconn}. Once a queue exists this should queue instead.
 *
 * <p><b>Threads.</b> {@code pick} is called from several event loops at once without a lock: the selector
 * holds only immutable arrays and reads the atomic in-flight counters on {@link Server}. Two concurrent
 * picks can both see the last free slot of a server and both take it (the caller counts the request with
 * {@code Server.requestStarted()} after the pick); {@code maxconn} is a target here, not a hard limit.
 */
final class FirstAvailable implements BalanceAlgorithm {

    @Override
    public ServerSelector build(List<Server> servers) {
        Server[] all = servers.toArray(new Server[0]);
        int[] maxconn = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            maxconn[i] = all[i].config().maxconn();
            if (maxconn[i] <= 0) {
                // Unlimited: nothing after it can ever be chosen.
                Server unlimited = all[i];
                Server[] limited = Arrays.copyOf(all, i);
                int[] limits = Arrays.copyOf(maxconn, i);
                return request -> {
                    for (int j = 0; j < limited.length; j++) {
                        if (limited[j].inFlight() < limits[j]) {
                            return limited[j];
                        }
                    }
                    return unlimited;
                };
            }
        }
        return request -> {
            for (int j = 0; j < all.length; j++) {
                if (all[j].inFlight() < maxconn[j]) {
                    return all[j];
                }
            }
            // All full: the least loaded relative to its maxconn.
            int best = 0;
            long bestLoad = all[0].inFlight();
            for (int j = 1; j < all.length; j++) {
                long load = all[j].inFlight();
                if (load * maxconn[best] < bestLoad * maxconn[j]) {
                    best = j;
                    bestLoad = load;
                }
            }
            return all[best];
        };
    }

    /** Registers {@code first}. */
    public static final class Provider implements BalanceAlgorithmProvider {

        @Override
        public String name() {
            return "first";
        }

        @Override
        public BalanceAlgorithm create(List<String> arguments) {
            Arguments.requireNone(name(), arguments);
            return new FirstAvailable();
        }
    }
}
