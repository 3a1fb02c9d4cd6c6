package io.ballast.proxy;

/**
 * {@code http-request deny [deny_status <code>]} (default 403) and {@code http-response deny} (default 502): the
 * error page for the status, the proxy's {@code errorfile} if it has one. As in HAProxy, the client's connection
 * stays open for its next request.
 */
final class DenyAction implements RuleAction {

    private final int status;

    DenyAction(int status) {
        this.status = status;
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        return RuleResult.deny(ctx.errorPages.keepAlivePage(status), status);
    }
}
