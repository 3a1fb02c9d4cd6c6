package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.math.BigInteger;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The turn order of a weighted round robin: each server appears weight/gcd times, and at each step the
 * server furthest behind its share goes next, so that {@code a:3, b:1} gives {@code a a b a} rather than
 * {@code a a a b}.
 */
final class SmoothWeightedOrder {

    private SmoothWeightedOrder() {
    }

    /**
     * @param servers the servers, in declaration order, never empty
     * @param weight  the weight to give each one (below 1 counts as 1): {@code roundrobin} passes the effective
     *                weight, {@code static-rr} the configured one
     */
    static Server[] of(List<Server> servers, ToIntFunction<Server> weight) {
        int n = servers.size();
        int[] weights = new int[n];
        int gcd = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = Math.max(1, weight.applyAsInt(servers.get(i)));
            gcd = BigInteger.valueOf(gcd).gcd(BigInteger.valueOf(weights[i])).intValue();
        }
        int total = 0;
        for (int i = 0; i < n; i++) {
            weights[i] /= gcd;
            total += weights[i];
        }
        Server[] order = new Server[total];
        long[] current = new long[n];
        for (int step = 0; step < total; step++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order[step] = servers.get(best);
        }
        return order;
    }
}
