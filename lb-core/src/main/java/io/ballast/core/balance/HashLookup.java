package io.ballast.core.balance;

import io.ballast.core.server.Server;

/** Where a hash-based algorithm looks its hashed key up: HAProxy's map ({@code lb_map.c}) or ring ({@code lb_chash.c}). */
interface HashLookup {

    /** The server for {@code hash}, read as an unsigned 32-bit number. */
    Server lookup(int hash);

    /** The next server in turn, for a request without a key. */
    Server next();
}
