package io.ballast.acl.internal.cond;

import io.ballast.acl.Condition;
import io.ballast.acl.ConditionTrace;
import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.sample.Sample;

import java.util.ArrayList;
import java.util.List;

/**
 * A condition in disjunctive normal form, as HAProxy keeps it: OR of AND-suites of possibly negated ACLs,
 * evaluated left to right with short-circuits. One {@link Sample} is allocated per evaluation.
 */
final class CompiledCondition implements Condition {

    /** One term of a suite. */
    record Term(Acl acl, boolean negated, String text) {
    }

    private final Term[][] suites;
    private final boolean unless;
    private final String text;

    CompiledCondition(Term[][] suites, boolean unless, String text) {
        this.suites = suites;
        this.unless = unless;
        this.text = text;
    }

    @Override
    public boolean test(SampleContext ctx) {
        Sample smp = Sample.acquire();
        try {
            boolean result = false;
            outer:
            for (Term[] suite : suites) {
                for (Term t : suite) {
                    if (t.acl().matches(ctx, smp) == t.negated()) {
                        continue outer;
                    }
                }
                result = true;
                break;
            }
            return result != unless;
        } finally {
            smp.release();
        }
    }

    @Override
    public ConditionTrace explain(SampleContext ctx) {
        Sample smp = new Sample();
        List<ConditionTrace.Step> steps = new ArrayList<>();
        boolean result = false;
        outer:
        for (Term[] suite : suites) {
            for (Term t : suite) {
                boolean m = t.acl().matches(ctx, smp);
                steps.add(new ConditionTrace.Step(t.text(), m, m != t.negated()));
                if (m == t.negated()) {
                    continue outer;
                }
            }
            result = true;
            break;
        }
        return new ConditionTrace(text, steps, result != unless);
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
