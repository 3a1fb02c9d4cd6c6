package io.ballast.core.server;

/** A server's operational state, as the stats page shows it. */
public enum ServerState {
    /** Takes traffic: checks pass, or it is not checked. */
    UP,
    /** Health checks failed: no traffic. */
    DOWN,
    /** Put in maintenance ({@code disabled}, or by the runtime API): no traffic, no checks. */
    MAINT
}
