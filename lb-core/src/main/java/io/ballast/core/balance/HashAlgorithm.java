package io.ballast.core.balance;

import io.ballast.core.config.HashType;
import io.ballast.core.request.RequestView;
import io.ballast.core.server.Server;

import java.util.List;

/**
 * The part common to HAProxy's hash-based algorithms with {@code hash-type map-based}: a {@link MapBasedTable}
 * over the usable servers, a key hashed from the request, the avalanche step when configured, and round robin
 * over the table when the request has no key.
 */
abstract class MapBasedHash implements BalanceAlgorithm {

    /** The {@code hash-type} of the backend. */
    final HashType hashType;

    MapBasedHash(HashType hashType) {
        this.hashType = hashType;
    }

    /** What {@link #keyHash} answers for a request without a key, which then goes round robin. */
    static final long NO_KEY = -1;

    /**
     * The hash of the request's key before the avalanche step, as an unsigned 32-bit value, or {@link #NO_KEY}.
     * A {@code long} rather than a nullable {@code Integer}: no allocation per request.
     */
    abstract long keyHash(RequestView request);

    /** The hash of {@code key[from, to)} with the configured function, unsigned. */
    final long hash(byte[] key, int from, int to) {
        return Integer.toUnsignedLong(HashFunctions.hash(hashType.function(), key, from, to));
    }

    /** The server HAProxy would pick for {@code request} from {@code table}. */
    final Server pick(MapBasedTable table, RequestView request) {
        long key = request == null ? NO_KEY : keyHash(request);
        if (key == NO_KEY) {
            return table.next();
        }
        int h = (int) key;
        int hash = hashType.avalanche() ? HashFunctions.fullHash(h) : h;
        return table.lookup(hash);
    }

    @Override
    public ServerSelector build(List<Server> servers) {
        MapBasedTable table = MapBasedTable.of(servers);
        return request -> pick(table, request);
    }
}
