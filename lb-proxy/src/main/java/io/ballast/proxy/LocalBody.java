package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Reads the small request body that an {@linkplain RuleResult#afterBody answer made from the body} needs (the
 * stats page's admin form), then makes that answer. Only a body with a {@code Content-Length} within the head size
 * limit is read, as HAProxy's stats page reads it within one buffer; a chunked or larger body is not read, and the
 * answer is made from {@code null}.
 */
final class LocalBody {

    private final RuleResult pending;
    /** The body's length, or -1 when it is not read. */
    private final long length;

    LocalBody(HttpHead request, RuleResult pending, int limit) {
        this.pending = pending;
        this.length = request.isChunked() || request.contentLength() > limit ? -1
                : Math.max(0, request.contentLength());
    }

    /** The answer once {@code in} holds the whole body (which is then consumed), else {@code null}: wait for more. */
    RuleResult read(ByteBuf in) {
        if (length < 0) {
            return pending.afterBody.apply(null);
        }
        if (length == 0) {
            return pending.afterBody.apply(Unpooled.EMPTY_BUFFER);
        }
        if (in == null || in.readableBytes() < length) {
            return null;
        }
        return pending.afterBody.apply(in.readSlice((int) length));
    }
}
