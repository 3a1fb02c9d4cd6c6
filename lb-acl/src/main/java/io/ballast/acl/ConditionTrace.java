package io.ballast.acl;

import java.util.List;

/**
 * What {@link Condition#explain} saw: each ACL term evaluated, in order, with its result, and the final result.
 * {@link #toString()} prints it on several lines.
 *
 * @param condition the condition as written
 * @param steps     the terms evaluated, in evaluation order (terms skipped by short-circuits are absent)
 * @param result    the final result, after {@code unless} was applied
 */
public record ConditionTrace(String condition, List<Step> steps, boolean result) {

    /** Copies the list. */
    public ConditionTrace {
        steps = List.copyOf(steps);
    }

    /**
     * One evaluated term.
     *
     * @param term    the term as written, e.g. {@code !is_admin} or {@code { path_beg /api }}
     * @param matched whether the ACL itself matched (before negation)
     * @param result  the term's value (after {@code !})
     */
    public record Step(String term, boolean matched, boolean result) {
        @Override
        public String toString() {
            return term + " -> " + result + (term.startsWith("!") ? " (acl " + (matched ? "matched" : "did not match") + ")" : "");
        }
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(condition).append('\n');
        for (Step s : steps) {
            b.append("  ").append(s).append('\n');
        }
        return b.append("  => ").append(result).toString();
    }
}
