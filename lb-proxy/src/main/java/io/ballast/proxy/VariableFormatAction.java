package io.ballast.proxy;

import io.ballast.acl.StringTemplate;

/**
 * {@code set-var-fmt(<scope>.<name>) <fmt>}: the variable takes the log-format string's text. Unlike
 * {@code set-var}, it is always set, to an empty string when the format renders nothing, as in HAProxy.
 */
final class VariableFormatAction implements RuleAction {

    private final String name;
    private final StringTemplate format;

    VariableFormatAction(String name, StringTemplate format) {
        this.name = name;
        this.format = format;
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        ctx.setVariable(name, format.render(ctx));
        return RuleResult.CONTINUE;
    }
}
