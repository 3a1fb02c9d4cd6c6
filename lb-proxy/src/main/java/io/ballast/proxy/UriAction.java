package io.ballast.proxy;

import io.ballast.acl.StringTemplate;

import java.util.regex.Pattern;

/**
 * The {@code http-request} actions that rewrite the request line: {@code set-method}, {@code set-uri},
 * {@code set-path}, {@code set-pathq}, {@code set-query}, {@code replace-path}, {@code replace-pathq},
 * {@code replace-uri}.
 */
final class UriAction implements RuleAction {

    enum Op { SET_METHOD, SET_URI, SET_PATH, SET_PATHQ, SET_QUERY, REPLACE_PATH, REPLACE_PATHQ, REPLACE_URI }

    private final Op op;
    private final StringTemplate value;
    /** The regex of {@code replace-*}, else {@code null}. */
    private final Pattern regex;

    UriAction(Op op, StringTemplate value, Pattern regex) {
        this.op = op;
        this.value = value;
        this.regex = regex;
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        HttpRequestView request = ctx.request;
        String v = value.render(ctx);
        switch (op) {
            case SET_METHOD -> request.setMethod(v);
            case SET_URI, SET_PATHQ -> request.setUri(v);
            case SET_PATH -> request.setPath(v);
            case SET_QUERY -> request.setQuery(v);
            case REPLACE_PATH -> {
                String replaced = RegexReplacement.apply(regex, request.path(), v);
                if (replaced != null) {
                    request.setPath(replaced);
                }
            }
            case REPLACE_PATHQ, REPLACE_URI -> {
                String replaced = RegexReplacement.apply(regex, request.uri(), v);
                if (replaced != null) {
                    request.setUri(replaced);
                }
            }
        }
        return RuleResult.CONTINUE;
    }
}
