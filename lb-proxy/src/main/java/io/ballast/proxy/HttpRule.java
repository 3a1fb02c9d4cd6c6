package io.ballast.proxy;

import io.ballast.acl.Condition;
import io.ballast.core.config.RuleLine;

import java.util.List;

/**
 * One {@code http-request}, {@code http-response}, {@code redirect} or {@code tcp-request} line: an action and the
 * condition under which it runs.
 *
 * @param action    what the rule does
 * @param condition {@code if}/{@code unless} condition, or {@code null} for always
 * @param source    the line as written, with its file and line
 */
record HttpRule(RuleAction action, Condition condition, RuleLine source) {

    /** Runs the rules in order until one decides (HAProxy stops at the first final action). */
    static RuleResult evaluate(List<HttpRule> rules, RuleContext ctx) {
        for (HttpRule rule : rules) {
            if (ctx.holds(rule.condition, rule.source)) {
                RuleResult result = rule.action.apply(ctx);
                ctx.traceResult(result);
                if (result.isFinal()) {
                    return result;
                }
            }
        }
        return RuleResult.CONTINUE;
    }
}
