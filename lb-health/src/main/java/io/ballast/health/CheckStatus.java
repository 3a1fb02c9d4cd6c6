package io.ballast.health;

/**
 * The outcome kinds of a check, with HAProxy's reason texts ({@code check.c}, {@code check_statuses}).
 */
enum CheckStatus {
    /** The check could not even get a socket. */
    SOCKERR("Socket error", Verdict.FAILED, false),
    /** The TCP (or UNIX) connection was established. */
    L4OK("Layer4 check passed", Verdict.PASSED, false),
    /** The connection was not established in time. */
    L4TOUT("Layer4 timeout", Verdict.FAILED, false),
    /** The connection was refused, reset or unroutable. */
    L4CON("Layer4 connection problem", Verdict.FAILED, false),
    /** The TLS layer answered ({@code ssl-hello-chk}). */
    L6OK("Layer6 check passed", Verdict.PASSED, false),
    /** No TLS answer in time. */
    L6TOUT("Layer6 timeout", Verdict.FAILED, false),
    /** The answer was no TLS record. */
    L6RSP("Layer6 invalid response", Verdict.FAILED, false),
    /** No complete answer in time. */
    L7TOUT("Layer7 timeout", Verdict.FAILED, false),
    /** The answer did not match what was expected. */
    L7RSP("Layer7 invalid response", Verdict.FAILED, false),
    /** The answer was right. */
    L7OK("Layer7 check passed", Verdict.PASSED, true),
    /** The answer was right but asks for no new traffic ({@code disable-on-404}). */
    L7OKC("Layer7 check conditionally passed", Verdict.CONDITIONAL, true),
    /** The answer had the wrong status. */
    L7STS("Layer7 wrong status", Verdict.FAILED, true),
    /** Errors observed on real traffic ({@code observe}) stood for a failed check. */
    HANA("Health analyze", Verdict.FAILED, false);

    /** What a status does to the rise/fall counter. */
    enum Verdict {
        /** Counts as a success. */
        PASSED,
        /** Counts as a success but puts the server in NOLB. */
        CONDITIONAL,
        /** Counts as a failure. */
        FAILED
    }

    private final String reason;
    private final Verdict verdict;
    private final boolean hasCode;

    CheckStatus(String reason, Verdict verdict, boolean hasCode) {
        this.reason = reason;
        this.verdict = verdict;
        this.hasCode = hasCode;
    }

    /** The text after {@code reason: } in state-change logs. */
    String reason() {
        return reason;
    }

    /** What the status does to the counter. */
    Verdict verdict() {
        return verdict;
    }

    /** Whether logs show a {@code code: } after the reason (statuses at or above HAProxy's L57DATA). */
    boolean hasCode() {
        return hasCode;
    }
}
