package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HAProxy's server map for map-based hashing ({@code lb_map.c}), built the same way so that a hash picks the same
 * server as HAProxy for the same server list:
 * <ul>
 * <li>each server's effective weight is {@code ceil(weight * 16 / gcd)}, where 16 is HAProxy's
 * {@code BE_WEIGHT_SCALE} and gcd the greatest common divisor of the configured weights of all the backend's
 * servers (down and backup ones included, zero weights skipped), so the table has {@code sum(eweights)} slots;</li>
 * <li>slot after slot, every server adds its effective weight to its score, the first server with the highest
 * {@code (score + total) / total} takes the slot and loses {@code total};</li>
 * <li>a hash picks {@code slot[hash % total]}, the hash read as unsigned.</li>
 * </ul>
 * A request without a key walks the same table in turn, as HAProxy's map round robin does.
 */
final class MapBasedTable implements HashLookup {

    /** HAProxy's {@code BE_WEIGHT_SCALE}. */
    static final int WEIGHT_SCALE = 16;

    private final Server[] slots;
    private final AtomicInteger next = new AtomicInteger();

    private MapBasedTable(Server[] slots) {
        this.slots = slots;
    }

    /**
     * @param servers the usable servers, in declaration order, never empty
     */
    static MapBasedTable of(List<Server> servers) {
        int gcd = configuredWeightGcd(servers);
        int n = servers.size();
        int[] eweights = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            int weight = Math.max(1, servers.get(i).weight());
            eweights[i] = (weight * WEIGHT_SCALE + gcd - 1) / gcd;
            total += eweights[i];
        }
        int tot = (int) total;
        Server[] slots = new Server[tot];
        long[] scores = new long[n];
        for (int slot = 0; slot < tot; slot++) {
            int best = -1;
            long max = 0;
            for (int i = 0; i < n; i++) {
                if (tot == 1) {
                    best = i;
                    break;
                }
                scores[i] += eweights[i];
                long v = (scores[i] + tot) / tot; // C int division truncates toward zero
                if (best < 0 || v > max) {
                    max = v;
                    best = i;
                }
            }
            slots[slot] = servers.get(best);
            scores[best] -= tot;
        }
        return new MapBasedTable(slots);
    }

    /**
     * The gcd HAProxy divides weights by: that of the configured weights of every server of the backend (it is
     * computed once, at start-up), or of the given servers' weights when they belong to no backend.
     */
    private static int configuredWeightGcd(List<Server> servers) {
        Backend backend = servers.get(0).backend();
        int gcd = 0;
        if (backend != null) {
            for (Server s : backend.servers()) {
                gcd = gcd(gcd, s.config().weight());
            }
        } else {
            for (Server s : servers) {
                gcd = gcd(gcd, s.weight());
            }
        }
        return gcd <= 0 ? 1 : gcd;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The server of slot {@code hash % size}, {@code hash} read as an unsigned 32-bit number. */
    @Override
    public Server lookup(int hash) {
        return slots[Integer.remainderUnsigned(hash, slots.length)];
    }

    /** The next server in table order: the round robin used when a request has no key. */
    @Override
    public Server next() {
        return slots[Math.floorMod(next.getAndIncrement(), slots.length)];
    }

    /** The number of slots (the total effective weight). */
    int size() {
        return slots.length;
    }

    /** The server of slot {@code i}. */
    Server slot(int i) {
        return slots[i];
    }
}
