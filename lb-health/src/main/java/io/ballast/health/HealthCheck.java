package io.ballast.health;

import java.util.function.Consumer;

/**
 * One kind of health check for one server (a TCP connect check today; HTTP checks later).
 * Every method is called on the server's event loop, and implementations must never block it.
 */
interface HealthCheck {

    /**
     * Starts one check. {@code done} must be called exactly once, on the event loop, unless
     * {@link #abort()} is called first, in which case it may not be called at all.
     */
    void run(Consumer<CheckResult> done);

    /** Abandons the check in progress, if any, and releases its connection. */
    void abort();
}
