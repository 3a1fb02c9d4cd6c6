package io.ballast.proxy;

import io.netty.buffer.ByteBuf;

/**
 * What a rule decided: go on with the next rule, stop evaluating this list ({@code allow}), answer the client
 * without a server ({@code deny}, {@code redirect}, {@code return}, {@code auth}; after a delay for
 * {@code tarpit}), or close the connection without an answer ({@code reject}).
 */
final class RuleResult {

    enum Kind { CONTINUE, ALLOW, RESPOND, REJECT }

    static final RuleResult CONTINUE = new RuleResult(Kind.CONTINUE, null, 0, false, 0);
    static final RuleResult ALLOW = new RuleResult(Kind.ALLOW, null, 0, false, 0);
    static final RuleResult REJECT = new RuleResult(Kind.REJECT, null, 0, true, 0);

    final Kind kind;
    /** The whole response to send; owned by this result until written. */
    final ByteBuf response;
    final int status;
    /** Whether the connection closes after the response. */
    final boolean close;
    /** How long the request is held before the answer is sent ({@code tarpit}); 0 to answer at once. */
    final long delayMillis;

    private RuleResult(Kind kind, ByteBuf response, int status, boolean close, long delayMillis) {
        this.kind = kind;
        this.response = response;
        this.status = status;
        this.close = close;
        this.delayMillis = delayMillis;
    }

    /** Answers with {@code response} (status {@code status}); the connection stays open unless {@code close}. */
    static RuleResult respond(ByteBuf response, int status, boolean close) {
        return new RuleResult(Kind.RESPOND, response, status, close, 0);
    }

    /** Holds the request for {@code delayMillis}, then answers with {@code response} as {@link #respond} does. */
    static RuleResult respondAfter(long delayMillis, ByteBuf response, int status) {
        return new RuleResult(Kind.RESPOND, response, status, false, delayMillis);
    }

    /** This answer, to send now: what a held ({@link #respondAfter}) answer becomes once its delay is over. */
    RuleResult now() {
        return new RuleResult(kind, response, status, close, 0);
    }

    /** Whether evaluation of the current list stops here. */
    boolean isFinal() {
        return kind != Kind.CONTINUE;
    }
}
