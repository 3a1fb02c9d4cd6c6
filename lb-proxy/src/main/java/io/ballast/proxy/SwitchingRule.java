package io.ballast.proxy;

import io.ballast.acl.Condition;
import io.ballast.acl.StringTemplate;

/**
 * {@code use_backend <name> [if|unless <cond>]}, or {@code use-server <name> ...}: the target is a fixed name
 * checked at load, or a {@code %[...]} format resolved per request.
 *
 * @param fixed     the target, resolved at load; {@code null} when it is dynamic
 * @param dynamic   the format naming the target per request; {@code null} when it is fixed
 * @param condition the condition, or {@code null} for always
 * @param <T>       what the rule names: a backend or a server
 */
record SwitchingRule<T>(T fixed, StringTemplate dynamic, Condition condition) {

    boolean applies(RuleContext ctx) {
        return condition == null || condition.test(ctx);
    }
}
