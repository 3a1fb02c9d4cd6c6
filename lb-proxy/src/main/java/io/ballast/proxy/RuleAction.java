package io.ballast.proxy;

/** What a rule does when its condition holds. Implementations are immutable and shared by all connections. */
interface RuleAction {

    /** Applies the action to this exchange and says whether evaluation goes on. */
    RuleResult apply(RuleContext ctx);
}
