package io.ballast.core.server;

/** A server's operational state, as the stats page shows it. */
public enum ServerState {
    /** Takes traffic: checks pass, or it is not checked. */
    UP,
    /** Health checks failed: no traffic. */
    DOWN,
    /**
     * Up, but a check asked for no new traffic ({@code http-check disable-on-404} and a 404): HAProxy's NOLB, logged
     * as "is stopping". Only persistent traffic would still go there.
     */
    NOLB,
    /** Up, but drained by an agent or the runtime API: no new traffic, checks go on. */
    DRAIN,
    /** Put in maintenance ({@code disabled}, or by the runtime API): no traffic, no checks. */
    MAINT
}
