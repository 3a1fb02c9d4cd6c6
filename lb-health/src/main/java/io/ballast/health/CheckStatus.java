package io.ballast.health;

/**
 * The outcome kinds of a check, with HAProxy's reason texts ({@code check.c}, {@code check_statuses}).
 * Only the layer-4 ones are produced so far; HTTP checks will add the layer-7 ones.
 */
enum CheckStatus {
    /** The check could not even get a socket. */
    SOCKERR("Socket error", false),
    /** The TCP (or UNIX) connection was established. */
    L4OK("Layer4 check passed", true),
    /** The connection was not established in time. */
    L4TOUT("Layer4 timeout", false),
    /** The connection was refused, reset or unroutable. */
    L4CON("Layer4 connection problem", false);

    private final String reason;
    private final boolean passed;

    CheckStatus(String reason, boolean passed) {
        this.reason = reason;
        this.passed = passed;
    }

    /** The text after {@code reason: } in state-change logs. */
    String reason() {
        return reason;
    }

    /** Whether the check counts as a success. */
    boolean passed() {
        return passed;
    }
}
