package io.ballast.proxy;

import io.ballast.acl.SampleExpression;

/**
 * {@code http-request set-timeout server|tunnel <time>|<expr>}: the server or tunnel timeout of this exchange only,
 * a fixed time or the milliseconds an expression gives (read as HAProxy casts a string to an integer: its leading
 * digits). An expression that finds nothing, or no number, leaves the timeout as it was; 0 means no limit.
 */
final class TimeoutAction implements RuleAction {

    private final boolean server;
    private final long millis;
    /** The expression giving the milliseconds, or {@code null} for {@link #millis}. */
    private final SampleExpression expression;

    private TimeoutAction(boolean server, long millis, SampleExpression expression) {
        this.server = server;
        this.millis = millis;
        this.expression = expression;
    }

    /** @param server whether the server timeout changes, else the tunnel timeout */
    static TimeoutAction fixed(boolean server, long millis) {
        return new TimeoutAction(server, millis, null);
    }

    /** @param server whether the server timeout changes, else the tunnel timeout */
    static TimeoutAction computed(boolean server, SampleExpression expression) {
        return new TimeoutAction(server, -1, expression);
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        long value = expression == null ? millis : leadingNumber(expression.evaluateString(ctx));
        if (value >= 0) {
            if (server) {
                ctx.serverTimeout = value;
            } else {
                ctx.tunnelTimeout = value;
            }
        }
        return RuleResult.CONTINUE;
    }

    /** The number the digits at the start of {@code v} make, at most {@link Integer#MAX_VALUE}; -1 if none. */
    private static long leadingNumber(String v) {
        long n = -1;
        for (int i = 0; v != null && i < v.length() && Character.isDigit(v.charAt(i)) && n < Integer.MAX_VALUE; i++) {
            n = Math.max(n, 0) * 10 + (v.charAt(i) - '0');
        }
        return Math.min(n, Integer.MAX_VALUE);
    }
}
