package io.ballast.proxy;

import io.ballast.acl.StringTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code http-request return [status <code>] [content-type <type>] [string|lf-string|file|lf-file <x>]
 * [hdr <name> <fmt>]*}: an answer made by Ballast, default status 200.
 */
final class ReturnAction implements RuleAction {

    /** One {@code hdr <name> <fmt>} argument. */
    record Header(String name, StringTemplate value) {
    }

    private final int status;
    private final String contentType;
    /** A body fixed at load ({@code string}, {@code file}), or {@code null}. */
    private final byte[] staticBody;
    /** A body rendered per request ({@code lf-string}, {@code lf-file}), or {@code null}. */
    private final StringTemplate dynamicBody;
    private final List<Header> headers;

    ReturnAction(int status, String contentType, byte[] staticBody, StringTemplate dynamicBody, List<Header> headers) {
        this.status = status;
        this.contentType = contentType;
        this.staticBody = staticBody;
        this.dynamicBody = dynamicBody;
        this.headers = List.copyOf(headers);
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        byte[] body = dynamicBody != null ? dynamicBody.render(ctx).getBytes(StandardCharsets.ISO_8859_1)
                : staticBody != null ? staticBody : new byte[0];
        GeneratedResponse response = new GeneratedResponse(status);
        if (contentType != null && body.length > 0) {
            response.header("content-type", contentType);
        }
        for (Header h : headers) {
            response.header(h.name(), h.value().render(ctx));
        }
        return RuleResult.respond(response.toBuffer(body), status, false);
    }
}
