package io.ballast.health;

/**
 * A health the runtime API forces on a server ({@code set server <b>/<s> health up|stopping|down}), as if its checks
 * had said so; the next check results apply as usual.
 */
public enum ForcedHealth {
    /** Up, with the rise/fall counter at its top. */
    UP,
    /** Up but taking no new traffic (HAProxy's NOLB), with the counter at its top. */
    STOPPING,
    /** Down, with the counter at 0. */
    DOWN
}
