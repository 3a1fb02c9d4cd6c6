package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * {@code http-request auth [realm <realm>]}: answers with the 401 page (the proxy's {@code errorfile 401} if it has
 * one) plus {@code www-authenticate: Basic realm="<realm>"} as its last header, as HAProxy 2.6 does; the realm
 * defaults to the name of the proxy the rule is written in. The connection stays open, as after {@code deny}.
 */
final class AuthAction implements RuleAction {

    private static final ByteBuf END_OF_HEAD = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[] {'\r', '\n', '\r', '\n'}).asReadOnly());

    private final ByteBuf header;

    AuthAction(String realm) {
        this.header = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(("www-authenticate: Basic realm=\"" + realm
                + "\"\r\n").getBytes(StandardCharsets.ISO_8859_1)).asReadOnly());
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        ByteBuf page = ctx.errorPages.keepAlivePage(401);
        int headEnd = ByteBufUtil.indexOf(END_OF_HEAD.duplicate(), page) + 2;
        int start = page.readerIndex();
        ByteBuf response = Unpooled.wrappedBuffer(page.slice(start, headEnd - start), header.duplicate(),
                page.slice(headEnd, page.writerIndex() - headEnd));
        return RuleResult.respond(response, 401, false);
    }
}
