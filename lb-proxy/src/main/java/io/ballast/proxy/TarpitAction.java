package io.ballast.proxy;

/**
 * {@code http-request tarpit [deny_status <code>]} (default 500): holds the request, never forwarded, for the
 * {@code timeout tarpit} of the proxy whose rule it is, then answers as {@code deny} does. HAProxy's default for
 * that timeout is {@code timeout connect} in a backend or listen section, and no wait in a plain frontend.
 */
final class TarpitAction implements RuleAction {

    private final int status;
    private final long delayMillis;

    TarpitAction(int status, long delayMillis) {
        this.status = status;
        this.delayMillis = delayMillis;
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        return RuleResult.denyAfter(delayMillis, ctx.errorPages.keepAlivePage(status), status);
    }
}
