package io.ballast.proxy;

import io.ballast.acl.StringTemplate;

/**
 * {@code redirect} and {@code http-request redirect}: {@code location}, {@code prefix} or {@code scheme}, with
 * {@code code}, {@code drop-query}, {@code append-slash}, {@code set-cookie} and {@code clear-cookie}, answered
 * as HAProxy 2.6 answers them (checked on the wire).
 */
final class RedirectAction implements RuleAction {

    enum Type { LOCATION, PREFIX, SCHEME }

    private final Type type;
    private final StringTemplate target;
    private final int code;
    private final boolean dropQuery;
    private final boolean appendSlash;
    /** The {@code set-cookie} header value, or {@code null}. */
    private final String cookie;

    RedirectAction(Type type, StringTemplate target, int code, boolean dropQuery, boolean appendSlash, String cookie) {
        this.type = type;
        this.target = target;
        this.code = code;
        this.dropQuery = dropQuery;
        this.appendSlash = appendSlash;
        this.cookie = cookie;
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        String value = target.render(ctx);
        GeneratedResponse response = new GeneratedResponse(code).header("location", location(ctx, value));
        if (code == 302 || code == 303 || code == 307) {
            response.header("cache-control", "no-cache");
        }
        if (cookie != null) {
            response.header("set-cookie", cookie);
        }
        return RuleResult.respond(response.toBuffer(new byte[0]), code, false);
    }

    private String location(RuleContext ctx, String value) {
        if (type == Type.LOCATION) {
            return value;
        }
        HttpRequestView request = ctx.request;
        String path = request.path();
        String query = request.query();
        StringBuilder uri = new StringBuilder(path);
        if (!dropQuery && query != null) {
            uri.append('?').append(query);
        }
        // HAProxy appends the slash to whatever it kept, after the query string when there is one.
        if (appendSlash && uri.charAt(uri.length() - 1) != '/') {
            uri.append('/');
        }
        if (type == Type.SCHEME) {
            String host = request.header("host");
            return value + "://" + (host == null ? "" : host) + uri;
        }
        // A prefix of "/" keeps the request's own URI rather than doubling the slash.
        return value.equals("/") ? uri.toString() : value + uri;
    }
}
