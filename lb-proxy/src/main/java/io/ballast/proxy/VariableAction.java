package io.ballast.proxy;

import io.ballast.acl.SampleExpression;

/** {@code set-var(<scope>.<name>) <expr>} and {@code unset-var(<scope>.<name>)}. */
final class VariableAction implements RuleAction {

    private final String name;
    /** The value, or {@code null} for {@code unset-var}. */
    private final SampleExpression value;

    VariableAction(String name, SampleExpression value) {
        this.name = name;
        this.value = value;
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        // As in HAProxy, an expression that finds nothing leaves the variable as it was.
        if (value == null) {
            ctx.setVariable(name, null);
        } else {
            String v = value.evaluateString(ctx);
            if (v != null) {
                ctx.setVariable(name, v);
            }
        }
        return RuleResult.CONTINUE;
    }
}
