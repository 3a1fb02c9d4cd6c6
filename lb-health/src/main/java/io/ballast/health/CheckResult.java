package io.ballast.health;

/**
 * The outcome of one check.
 *
 * @param status     what happened
 * @param code       the HTTP status, or 0 (shown only for statuses that {@linkplain CheckStatus#hasCode() have one})
 * @param info       the detail shown as {@code info: "..."} in logs (e.g. {@code Connection refused}), or {@code null}
 * @param durationMs how long the check took, in milliseconds, or -1 when no check ran (observed errors)
 */
record CheckResult(CheckStatus status, int code, String info, long durationMs) {

    /** A result without code. */
    CheckResult(CheckStatus status, String info, long durationMs) {
        this(status, 0, info, durationMs);
    }

    /** Whether the check counts as a success (conditional successes included). */
    boolean passed() {
        return status.verdict() != CheckStatus.Verdict.FAILED;
    }
}
