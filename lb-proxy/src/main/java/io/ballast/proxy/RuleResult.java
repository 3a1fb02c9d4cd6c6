package io.ballast.proxy;

import io.netty.buffer.ByteBuf;

/**
 * What a rule decided: go on with the next rule, stop evaluating this list ({@code allow}), answer the client
 * without a server ({@code deny}, {@code redirect}, {@code return}), or close the connection without an answer
 * ({@code reject}).
 */
final class RuleResult {

    enum Kind { CONTINUE, ALLOW, RESPOND, REJECT }

    static final RuleResult CONTINUE = new RuleResult(Kind.CONTINUE, null, 0, false);
    static final RuleResult ALLOW = new RuleResult(Kind.ALLOW, null, 0, false);
    static final RuleResult REJECT = new RuleResult(Kind.REJECT, null, 0, true);

    final Kind kind;
    /** The whole response to send; owned by this result until written. */
    final ByteBuf response;
    final int status;
    /** Whether the connection closes after the response. */
    final boolean close;

    private RuleResult(Kind kind, ByteBuf response, int status, boolean close) {
        this.kind = kind;
        this.response = response;
        this.status = status;
        this.close = close;
    }

    /** Answers with {@code response} (status {@code status}); the connection stays open unless {@code close}. */
    static RuleResult respond(ByteBuf response, int status, boolean close) {
        return new RuleResult(Kind.RESPOND, response, status, close);
    }

    /** Whether evaluation of the current list stops here. */
    boolean isFinal() {
        return kind != Kind.CONTINUE;
    }
}
