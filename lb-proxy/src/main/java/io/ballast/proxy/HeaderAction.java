package io.ballast.proxy;

import io.ballast.acl.StringTemplate;

import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code set-header}, {@code add-header}, {@code del-header}, {@code replace-header} and {@code replace-value},
 * on the request ({@code http-request}) or the response ({@code http-response}).
 */
final class HeaderAction implements RuleAction {

    enum Op { SET, ADD, DEL, REPLACE_HEADER, REPLACE_VALUE }

    /** Where the headers are: the request's or the response's, copied for editing on first use. */
    static final Function<RuleContext, EditedHeaders> REQUEST = ctx -> ctx.request.editHeaders();
    static final Function<RuleContext, EditedHeaders> RESPONSE = ctx -> ctx.response.editHeaders();

    private final Function<RuleContext, EditedHeaders> target;
    private final Op op;
    private final String name;
    /** The value ({@code set}/{@code add}) or the replacement ({@code replace-*}); null for {@code del}. */
    private final StringTemplate value;
    /** The regex of {@code replace-*}, else {@code null}. */
    private final Pattern regex;

    HeaderAction(Function<RuleContext, EditedHeaders> target, Op op, String name, StringTemplate value,
                 Pattern regex) {
        this.target = target;
        this.op = op;
        this.name = name;
        this.value = value;
        this.regex = regex;
    }

    @Override
    public RuleResult apply(RuleContext ctx) {
        // The value is rendered before the headers change, so that it may read the header it replaces.
        String v = value == null ? null : value.render(ctx);
        EditedHeaders headers = target.apply(ctx);
        switch (op) {
            case SET -> headers.set(name, v);
            case ADD -> headers.add(name, v);
            case DEL -> headers.delete(name);
            case REPLACE_HEADER -> headers.replace(name, old -> orSame(RegexReplacement.apply(regex, old, v), old));
            case REPLACE_VALUE -> headers.replace(name, old -> replaceEachValue(old, v));
        }
        return RuleResult.CONTINUE;
    }

    /** Each comma-separated value matched on its own; a replaced one loses its leading blanks, as in HAProxy. */
    private String replaceEachValue(String header, String replacement) {
        String[] parts = header.split(",", -1);
        StringBuilder out = new StringBuilder(header.length() + 16);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String replaced = RegexReplacement.apply(regex, parts[i].strip(), replacement);
            out.append(orSame(replaced, parts[i]));
        }
        return out.toString();
    }

    private static String orSame(String replaced, String original) {
        return replaced != null ? replaced : original;
    }
}
