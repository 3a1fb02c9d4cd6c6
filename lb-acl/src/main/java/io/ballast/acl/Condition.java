package io.ballast.acl;

/**
 * A compiled {@code if}/{@code unless} condition. Thread-safe and immutable once the section is parsed; evaluate
 * it as often as needed.
 */
public interface Condition {

    /** Evaluates the condition: ACLs are evaluated lazily, left to right, with AND/OR short-circuits. */
    boolean test(SampleContext ctx);

    /** Evaluates the condition like {@link #test} and records every ACL evaluated with its result (slow; for tools). */
    ConditionTrace explain(SampleContext ctx);

    /** The condition as written, e.g. {@code if is_api !is_admin}. */
    String text();
}
