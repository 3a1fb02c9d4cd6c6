package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HAProxy 2.6's consistent-hashing ring ({@code lb_chash.c}), built the same way so that a hash picks the same
 * server as HAProxy for the same servers:
 * <ul>
 * <li>each server has as many points as its effective weight ({@code weight × 16} when fully up, fewer during a
 * {@code slowstart}, see {@link Server#effectiveWeight()}); point {@code i} of the server with id {@code puid}
 * sits at {@code full_hash(puid × 4096 + i)}. HAProxy's {@code puid} is the server's position in its backend,
 * counting from 1 and including backup servers; Ballast has no {@code id} keyword, so declaration order is that
 * order (a server without a backend takes its position in the list given to {@link #of});</li>
 * <li>a hash goes to the nearest point, looking both ways on the unsigned 32-bit circle; a tie goes to the point
 * before;</li>
 * <li>with {@code hash-balance-factor f}, a server is skipped when it already serves its share of
 * {@code ceil((in-flight + 1) × f / 100)} slots (slots split in proportion to effective weights, at least one each),
 * and the walk goes on clockwise to the next point, at most twice round the ring, as HAProxy's
 * {@code chash_server_is_eligible} does. The backend's load is the sum of the servers' in-flight requests, read at
 * each such pick ({@code O(servers)}, only when a factor is set);</li>
 * <li>a request without a key walks the points in ring order, starting at the first point after each rebuild.</li>
 * </ul>
 * Removing a server removes only its points, so only its keys move; adding one takes about {@code 1/n} of the keys.
 * Points that fall on the same value keep declaration order, as HAProxy's tree keeps insertion order.
 *
 * <p><b>Threads.</b> The ring is immutable once built; {@link #lookup} reads atomic in-flight counters and
 * {@link #next} advances one {@link AtomicInteger}, so both run from several event loops at once without a lock.
 */
final class ConsistentHashRing implements HashLookup {

    /** HAProxy's {@code SRV_EWGHT_RANGE}: {@code SRV_UWGHT_RANGE (256) × BE_WEIGHT_SCALE (16)}. */
    static final int POINT_RANGE = 4096;

    private final int[] keys;
    private final Server[] owners;
    private final int[] ownerIndex;
    private final Server[] servers;
    private final long[] eweights;
    private final long[] cumulative;
    private final long totalWeight;
    private final int balanceFactor;
    private final AtomicInteger next = new AtomicInteger();

    private ConsistentHashRing(int[] keys, Server[] owners, int[] ownerIndex, Server[] servers, long[] eweights,
                               int balanceFactor) {
        this.keys = keys;
        this.owners = owners;
        this.ownerIndex = ownerIndex;
        this.servers = servers;
        this.eweights = eweights;
        this.cumulative = new long[servers.length];
        long total = 0;
        for (int i = 0; i < servers.length; i++) {
            cumulative[i] = total;
            total += eweights[i];
        }
        this.totalWeight = total;
        this.balanceFactor = balanceFactor;
    }

    /**
     * @param servers       the usable servers, in declaration order, never empty
     * @param balanceFactor {@code hash-balance-factor}, 0 for none
     */
    static ConsistentHashRing of(List<Server> servers, int balanceFactor) {
        Map<Server, Integer> ids = ids(servers);
        int n = servers.size();
        Server[] all = servers.toArray(new Server[0]);
        long[] eweights = new long[n];
        int points = 0;
        for (int i = 0; i < n; i++) {
            eweights[i] = Math.max(1, all[i].effectiveWeight());
            points += (int) eweights[i];
        }
        // (key with its sign bit flipped << 32 | server index): one signed sort orders the points by unsigned key,
        // then by declaration
        long[] packed = new long[points];
        int p = 0;
        for (int i = 0; i < n; i++) {
            int base = ids.get(all[i]) * POINT_RANGE;
            for (int node = 0; node < eweights[i]; node++) {
                packed[p++] = (long) (HashFunctions.fullHash(base + node) ^ Integer.MIN_VALUE) << 32 | i;
            }
        }
        Arrays.sort(packed);
        int[] keys = new int[points];
        Server[] owners = new Server[points];
        int[] ownerIndex = new int[points];
        for (int k = 0; k < points; k++) {
            keys[k] = (int) (packed[k] >> 32) ^ Integer.MIN_VALUE;
            ownerIndex[k] = (int) packed[k];
            owners[k] = all[ownerIndex[k]];
        }
        return new ConsistentHashRing(keys, owners, ownerIndex, all, eweights, balanceFactor);
    }

    /** HAProxy's {@code puid} of each server: its 1-based position in its backend (or in {@code servers}). */
    private static Map<Server, Integer> ids(List<Server> servers) {
        Map<Server, Integer> ids = new IdentityHashMap<>();
        Backend backend = servers.get(0).backend();
        List<Server> declared = backend != null ? backend.servers() : servers;
        for (int i = 0; i < declared.size(); i++) {
            ids.put(declared.get(i), i + 1);
        }
        for (int i = 0; i < servers.size(); i++) {
            ids.putIfAbsent(servers.get(i), i + 1);
        }
        return ids;
    }

    @Override
    public Server lookup(int hash) {
        int n = keys.length;
        int at = firstAtOrAfter(hash);
        int after = at == n ? 0 : at;
        int before = (after == 0 ? n : after) - 1;
        // unsigned distances on the circle, as HAProxy's u32 subtractions
        long dp = Integer.toUnsignedLong(hash - keys[before]);
        long dn = Integer.toUnsignedLong(keys[after] - hash);
        int chosen = dp <= dn ? before : after;
        if (balanceFactor == 0) {
            return owners[chosen];
        }
        long served = 0;
        for (Server s : servers) {
            served += s.inFlight();
        }
        int laps = 0;
        while (!eligible(ownerIndex[chosen], served)) {
            chosen++;
            if (chosen == n) {
                chosen = 0;
                if (++laps > 1) {
                    break;
                }
            }
        }
        return owners[chosen];
    }

    /** HAProxy's {@code chash_server_is_eligible}: whether server {@code i} is under its bounded share. */
    private boolean eligible(int i, long served) {
        long slotsTotal = ((served + 1) * balanceFactor + 99) / 100;
        long perWeight = slotsTotal / totalWeight;
        long remainder = slotsTotal % totalWeight;
        long slots = eweights[i] * perWeight
                + ((cumulative[i] + eweights[i]) * remainder) / totalWeight
                - (cumulative[i] * remainder) / totalWeight;
        return servers[i].inFlight() < Math.max(1, slots);
    }

    /** The index of the first point whose key, unsigned, is at least {@code hash}; {@code keys.length} if none. */
    private int firstAtOrAfter(int hash) {
        int low = 0;
        int high = keys.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Integer.compareUnsigned(keys[mid], hash) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    @Override
    public Server next() {
        return owners[Math.floorMod(next.getAndIncrement(), owners.length)];
    }
}
