package io.ballast.proxy;

import io.ballast.acl.Condition;

/**
 * One {@code http-request}, {@code http-response}, {@code redirect} or {@code tcp-request} line: an action and the
 * condition under which it runs.
 *
 * @param action    what the rule does
 * @param condition {@code if}/{@code unless} condition, or {@code null} for always
 */
record HttpRule(RuleAction action, Condition condition) {

    /** Runs the rules in order until one decides (HAProxy stops at the first final action). */
    static RuleResult evaluate(java.util.List<HttpRule> rules, RuleContext ctx) {
        for (HttpRule rule : rules) {
            if (rule.condition == null || rule.condition.test(ctx)) {
                RuleResult result = rule.action.apply(ctx);
                if (result.isFinal()) {
                    return result;
                }
            }
        }
        return RuleResult.CONTINUE;
    }
}
