package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.HashType;
import io.ballast.core.request.RequestView;
import io.ballast.core.server.Server;

import java.util.List;

/**
 * The part common to HAProxy's hash-based algorithms ({@code source}, {@code uri}, {@code url_param}, {@code hdr}):
 * a key hashed from the request, the avalanche step when configured, then a lookup in a {@link MapBasedTable}
 * ({@code hash-type map-based}) or a {@link ConsistentHashRing} ({@code hash-type consistent}); a request without a
 * key goes round robin over the same map or ring.
 */
abstract class HashAlgorithm implements BalanceAlgorithm {

    /** What {@link #keyHash} answers for a request without a key, which then goes round robin. */
    static final long NO_KEY = -1;

    /** The {@code hash-type} of the backend. */
    final HashType hashType;
    private final int balanceFactor;

    /**
     * @param spec the {@code balance} line with the backend's {@code hash-type} and {@code hash-balance-factor}
     */
    HashAlgorithm(BalanceSpec spec) {
        this.hashType = spec.hashType();
        this.balanceFactor = spec.hashBalanceFactor();
    }

    /**
     * The hash of the request's key before the avalanche step, as an unsigned 32-bit value, or {@link #NO_KEY}.
     * A {@code long} rather than a nullable {@code Integer}: no allocation per request.
     */
    abstract long keyHash(RequestView request);

    /** The hash of {@code key[from, to)} with the configured function, unsigned. */
    final long hash(byte[] key, int from, int to) {
        return Integer.toUnsignedLong(HashFunctions.hash(hashType.function(), key, from, to));
    }

    /** The server HAProxy would pick for {@code request} from {@code lookup}. */
    final Server pick(HashLookup lookup, RequestView request) {
        long key = request == null ? NO_KEY : keyHash(request);
        if (key == NO_KEY) {
            return lookup.next();
        }
        int h = (int) key;
        int hash = hashType.avalanche() ? HashFunctions.fullHash(h) : h;
        return lookup.lookup(hash);
    }

    /** Consistent hashing follows weight changes and slow starts; the map-based table is static. */
    @Override
    public boolean followsSlowStart() {
        return hashType.method() == HashType.Method.CONSISTENT;
    }

    @Override
    public ServerSelector build(List<Server> servers) {
        HashLookup lookup = hashType.method() == HashType.Method.CONSISTENT
                ? ConsistentHashRing.of(servers, balanceFactor)
                : MapBasedTable.of(servers);
        return request -> pick(lookup, request);
    }
}
