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

    /**
     * The hash of the request's key before the avalanche step, or {@code null} when the request has none (the
     * request then goes round robin).
     */
    abstract Integer keyHash(RequestView request);

    /** The hash of {@code key[from, to)} with the configured function. */
    final int hash(byte[] key, int from, int to) {
        return HashFunctions.hash(hashType.function(), key, from, to);
    }

    /** The server HAProxy would pick for {@code request} from {@code table}. */
    final Server pick(MapBasedTable table, RequestView request) {
        Integer h = request == null ? null : keyHash(request);
        if (h == null) {
            return table.next();
        }
        int hash = hashType.avalanche() ? HashFunctions.fullHash(h) : h;
        return table.lookup(hash);
    }

    @Override
    public ServerSelector build(List<Server> servers) {
        MapBasedTable table = MapBasedTable.of(servers);
        return request -> pick(table, request);
    }
}
