package io.ballast.health;

/**
 * The administrative state the runtime API puts a server in ({@code set server <b>/<s> state ready|drain|maint}).
 */
public enum AdminState {
    /** Back to what its health says: leaves forced maintenance and forced drain. */
    READY,
    /** No new traffic; its checks go on and it keeps its current sessions. */
    DRAIN,
    /** No traffic and no health check (its agent keeps running). */
    MAINT
}
