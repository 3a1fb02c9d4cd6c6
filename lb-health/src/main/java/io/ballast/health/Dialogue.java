package io.ballast.health;

import java.util.List;

/**
 * The steps of a check that talks to the server, and how its outcomes are worded: {@code tcp-check} rulesets
 * name the failing step ({@code Connection refused at step 1 of tcp-check (connect port 6380)}), while HTTP and
 * protocol checks ({@code redis-check}) only give the bare detail, as HAProxy does.
 *
 * @param kind  the wording
 * @param steps the steps, starting with a connect
 */
record Dialogue(Kind kind, List<Step> steps) {

    /** The kinds of dialogue, which word their outcomes differently. */
    enum Kind {
        /** {@code option tcp-check}. */
        TCP_CHECK,
        /** {@code option httpchk}. */
        HTTP,
        /** A built-in protocol check such as {@code option redis-check}. */
        PROTOCOL
    }

    Dialogue {
        steps = List.copyOf(steps);
    }

    /** The info of a failed connect. */
    String connectInfo(Step.Connect step, String error) {
        if (kind != Kind.TCP_CHECK) {
            return error;
        }
        return (error == null ? "" : error) + where(step);
    }

    /** The info of a check that timed out while waiting at {@code step}. */
    String timeoutInfo(Step step) {
        return kind == Kind.TCP_CHECK ? where(step) : null;
    }

    /** The info of a failed expect step. */
    String expectInfo(Step.Expect step, String info) {
        if (kind != Kind.TCP_CHECK) {
            return info;
        }
        return info + " at step " + step.number() + (step.comment() != null ? " comment: " + step.comment() : "");
    }

    /**
     * The info of an expect step the server closed on without sending anything, or {@code null} where the
     * expectation judges that itself (HTTP checks).
     */
    String emptyInfo(Step.Expect step) {
        if (kind == Kind.HTTP) {
            return null;
        }
        return "TCPCHK got an empty response at step " + step.number()
                + (step.comment() != null ? " comment: " + step.comment() : "");
    }

    /** The result of a dialogue whose steps all passed, {@code last} being the last expect's outcome or null. */
    CheckResult success(Expectation.Outcome last, long durationMs) {
        if (last != null && last.status() != null) {
            return new CheckResult(last.status(), last.code(), last.info(), durationMs);
        }
        boolean talked = steps.stream().anyMatch(s -> !(s instanceof Step.Connect));
        return talked ? new CheckResult(CheckStatus.L7OK, 0, "(tcp-check)", durationMs)
                : new CheckResult(CheckStatus.L4OK, null, durationMs);
    }

    private static String where(Step step) {
        if (step.number() == 0) {
            return " at initial connection step of tcp-check";
        }
        String detail;
        if (step instanceof Step.Connect c) {
            detail = "connect" + (c.port() > 0 ? " port " + c.port() : "");
        } else if (step instanceof Step.Expect e) {
            detail = e.expectation().describe();
        } else {
            detail = "send";
        }
        return " at step " + step.number() + " of tcp-check (" + detail + ")";
    }
}
