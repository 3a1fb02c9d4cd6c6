package io.ballast.health;

/**
 * The outcome of one check.
 *
 * @param status     what happened
 * @param info       the detail shown as {@code info: "..."} in logs (e.g. {@code Connection refused}), or {@code null}
 * @param durationMs how long the check took, in milliseconds
 */
record CheckResult(CheckStatus status, String info, long durationMs) {

    /** Whether the check counts as a success. */
    boolean passed() {
        return status.passed();
    }
}
