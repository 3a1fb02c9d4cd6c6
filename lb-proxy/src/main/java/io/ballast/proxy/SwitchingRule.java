package io.ballast.proxy;

import io.ballast.acl.Condition;
import io.ballast.acl.StringTemplate;
import io.ballast.core.config.RuleLine;

/**
 * {@code use_backend <name> [if|unless <cond>]}, or {@code use-server <name> ...}: the target is a fixed name
 * checked at load, or a {@code %[...]} format resolved per request.
 *
 * @param fixed     the target's name, checked at load; {@code null} when it is dynamic
 * @param dynamic   the format naming the target per request; {@code null} when it is fixed
 * @param condition the condition, or {@code null} for always
 * @param source    the line as written, with its file and line
 */
record SwitchingRule(String fixed, StringTemplate dynamic, Condition condition, RuleLine source) {

    /** Whether the rule applies to this exchange. */
    boolean applies(RuleContext ctx) {
        return ctx.holds(condition, source);
    }

    /** The name of the backend or server the rule names for this exchange. */
    String target(RuleContext ctx) {
        return fixed != null ? fixed : dynamic.render(ctx);
    }
}
