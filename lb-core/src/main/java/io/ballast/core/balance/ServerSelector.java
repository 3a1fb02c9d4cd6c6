package io.ballast.core.balance;

import io.ballast.core.request.RequestView;
import io.ballast.core.server.Server;

/**
 * Picks a server for one request. Built by a {@link BalanceAlgorithm} from an immutable snapshot of the
 * usable servers and replaced whenever that set changes, so it never sees a down server.
 * Implementations must be safe to call from several event-loop threads at once and must not block.
 */
@FunctionalInterface
public interface ServerSelector {

    /** A selector for a backend with no usable server: it always answers {@code null}. */
    ServerSelector EMPTY = request -> null;

    /**
     * @param request the request being balanced
     * @return the chosen server, or {@code null} when none fits
     */
    Server pick(RequestView request);
}
