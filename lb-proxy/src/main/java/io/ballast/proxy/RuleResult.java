package io.ballast.proxy;

import io.netty.buffer.ByteBuf;

import java.util.function.Function;

/**
 * What a rule decided: go on with the next rule, stop evaluating this list ({@code allow}), answer the client
 * without a server ({@code deny}, {@code redirect}, {@code return}, {@code auth}; after a delay for
 * {@code tarpit}), close the connection without an answer ({@code reject}), or make it vanish without telling the
 * client ({@code silent-drop}).
 */
final class RuleResult {

    enum Kind { CONTINUE, ALLOW, RESPOND, REJECT }

    static final RuleResult CONTINUE = new RuleResult(Kind.CONTINUE, null, 0, false, 0, false);
    static final RuleResult ALLOW = new RuleResult(Kind.ALLOW, null, 0, false, 0, false);
    static final RuleResult REJECT = new RuleResult(Kind.REJECT, null, 0, true, 0, true);
    /** {@code silent-drop}: a {@code REJECT} whose connection is dropped with {@link SilentDrop}. */
    static final RuleResult SILENT_DROP = new RuleResult(Kind.REJECT, null, 0, true, 0, true);

    final Kind kind;
    /** The whole response to send; owned by this result until written. */
    final ByteBuf response;
    final int status;
    /** Whether the connection closes after the response. */
    final boolean close;
    /** How long the request is held before the answer is sent ({@code tarpit}); 0 to answer at once. */
    final long delayMillis;
    /**
     * Whether the request was refused ({@code deny}, {@code tarpit}, {@code reject}): counted in {@code dreq}, where
     * other answers ({@code redirect}, {@code return}, {@code auth}) count as {@code intercepted}.
     */
    final boolean denied;
    /**
     * For an answer that needs the request's (small) body first, the stats page's admin form: makes the answer from
     * the body, or from {@code null} when the body is too large or chunked; {@code null} for every other result,
     * whose {@link #response} is ready.
     */
    final Function<ByteBuf, RuleResult> afterBody;

    private RuleResult(Kind kind, ByteBuf response, int status, boolean close, long delayMillis, boolean denied) {
        this(kind, response, status, close, delayMillis, denied, null);
    }

    private RuleResult(Kind kind, ByteBuf response, int status, boolean close, long delayMillis, boolean denied,
                       Function<ByteBuf, RuleResult> afterBody) {
        this.kind = kind;
        this.response = response;
        this.status = status;
        this.close = close;
        this.delayMillis = delayMillis;
        this.denied = denied;
        this.afterBody = afterBody;
    }

    /**
     * Answers with what {@code answer} makes of the request body once it is read; {@code status} is the answer's
     * usual status, for traces. The body is read only up to the head's size limit.
     */
    static RuleResult afterBody(int status, Function<ByteBuf, RuleResult> answer) {
        return new RuleResult(Kind.RESPOND, null, status, false, 0, false, answer);
    }

    /** Answers with {@code response} (status {@code status}); the connection stays open unless {@code close}. */
    static RuleResult respond(ByteBuf response, int status, boolean close) {
        return new RuleResult(Kind.RESPOND, response, status, close, 0, false);
    }

    /** Refuses the request with {@code response} (status {@code status}), as {@link #respond} answers. */
    static RuleResult deny(ByteBuf response, int status) {
        return new RuleResult(Kind.RESPOND, response, status, false, 0, true);
    }

    /** Holds the request for {@code delayMillis}, then refuses it with {@code response} ({@code tarpit}). */
    static RuleResult denyAfter(long delayMillis, ByteBuf response, int status) {
        return new RuleResult(Kind.RESPOND, response, status, false, delayMillis, true);
    }

    /** This answer, to send now: what a held ({@link #denyAfter}) answer becomes once its delay is over. */
    RuleResult now() {
        return new RuleResult(kind, response, status, close, 0, denied);
    }

    /** Whether the request goes no further: it was answered ({@code RESPOND}) or its connection closed ({@code REJECT}). */
    boolean endsRequest() {
        return kind == Kind.RESPOND || kind == Kind.REJECT;
    }

    /** Whether the connection is to vanish without a word to the client ({@code silent-drop}). */
    boolean dropsSilently() {
        return this == SILENT_DROP;
    }

    /** Whether evaluation of the current list stops here. */
    boolean isFinal() {
        return kind != Kind.CONTINUE;
    }
}
