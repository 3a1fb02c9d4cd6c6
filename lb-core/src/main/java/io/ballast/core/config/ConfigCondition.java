package io.ballast.core.config;

import io.ballast.core.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the conditions of HAProxy's conditional blocks ({@code .if}/{@code .elif}, cfg §2.4), also used by the
 * launcher's {@code -cc <condition>}.
 *
 * <p>Grammar: {@code 0}, {@code 1} (any integer: non-zero is true), {@code !term}, {@code a && b} (binds tighter),
 * {@code a || b}, parentheses, and the predicates {@code defined(VAR)}, {@code feature(NAME)}, {@code streq(a,b)},
 * {@code strneq(a,b)}, {@code version_atleast(x)} and {@code version_before(x)}. Versions are compared
 * numerically, component by component, against {@link Version#HAPROXY_COMPATIBLE}, the HAProxy release whose
 * language Ballast follows.
 */
public final class ConfigCondition {

    /** The names {@code feature(NAME)} answers true for: what Ballast really offers. */
    static final Set<String> FEATURES = Set.of("THREAD", "EPOLL");

    private final String text;
    private final Map<String, String> env;
    private int pos;

    private ConfigCondition(String text, Map<String, String> env) {
        this.text = text;
        this.env = env;
    }

    /**
     * Evaluates {@code expression}.
     *
     * @param expression a condition such as {@code defined(PORT) && version_atleast(2.4)}
     * @param env        the environment {@code defined()} looks variables up in
     * @return whether the condition holds
     * @throws IllegalArgumentException when the expression is malformed; the message says where and why
     */
    public static boolean evaluate(String expression, Map<String, String> env) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("empty condition");
        }
        ConfigCondition c = new ConfigCondition(expression, env);
        boolean result = c.or();
        c.skipSpaces();
        if (c.pos < expression.length()) {
            throw c.error("unexpected '" + expression.charAt(c.pos) + "'");
        }
        return result;
    }

    private boolean or() {
        boolean value = and();
        while (true) {
            skipSpaces();
            if (text.startsWith("||", pos)) {
                pos += 2;
                boolean right = and();
                value = value || right;
            } else {
                return value;
            }
        }
    }

    private boolean and() {
        boolean value = term();
        while (true) {
            skipSpaces();
            if (text.startsWith("&&", pos)) {
                pos += 2;
                boolean right = term();
                value = value && right;
            } else {
                return value;
            }
        }
    }

    private boolean term() {
        skipSpaces();
        if (pos >= text.length()) {
            throw error("missing term");
        }
        char c = text.charAt(pos);
        if (c == '!') {
            pos++;
            return !term();
        }
        if (c == '(') {
            pos++;
            boolean value = or();
            skipSpaces();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw error("missing ')'");
            }
            pos++;
            return value;
        }
        if (c == '-' || Character.isDigit(c)) {
            int start = pos++;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            try {
                return Long.parseLong(text.substring(start, pos)) != 0;
            } catch (NumberFormatException e) {
                throw error("invalid number '" + text.substring(start, pos) + "'");
            }
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw error("unexpected '" + c + "'");
        }
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != '(') {
            throw error("unknown term '" + name + "' (expected 0, 1, !, (, or a predicate such as defined(VAR))");
        }
        pos++;
        List<String> args = arguments();
        return predicate(name, args);
    }

    /** Reads comma-separated arguments up to the closing parenthesis; quotes protect commas and parentheses. */
    private List<String> arguments() {
        List<String> args = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("missing ')'");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                int end = text.indexOf(c, pos + 1);
                if (end < 0) {
                    throw error("unmatched quote");
                }
                arg.append(text, pos + 1, end);
                pos = end + 1;
            } else if (c == ',') {
                args.add(arg.toString().trim());
                arg.setLength(0);
                pos++;
            } else if (c == ')') {
                pos++;
                String last = arg.toString().trim();
                if (!last.isEmpty() || !args.isEmpty()) {
                    args.add(last);
                }
                return args;
            } else {
                arg.append(c);
                pos++;
            }
        }
    }

    private boolean predicate(String name, List<String> args) {
        switch (name) {
            case "defined" -> {
                need(name, args, 1);
                return env.containsKey(args.get(0));
            }
            case "feature" -> {
                need(name, args, 1);
                return FEATURES.contains(args.get(0));
            }
            case "streq" -> {
                need(name, args, 2);
                return args.get(0).equals(args.get(1));
            }
            case "strneq" -> {
                need(name, args, 2);
                return !args.get(0).equals(args.get(1));
            }
            case "version_atleast" -> {
                need(name, args, 1);
                return compareVersions(Version.HAPROXY_COMPATIBLE, args.get(0)) >= 0;
            }
            case "version_before" -> {
                need(name, args, 1);
                return compareVersions(Version.HAPROXY_COMPATIBLE, args.get(0)) < 0;
            }
            default -> throw error("unknown predicate '" + name + "'; known: defined, feature, streq, strneq, "
                    + "version_atleast, version_before");
        }
    }

    private void need(String name, List<String> args, int count) {
        if (args.size() != count) {
            throw error("'" + name + "' expects " + count + " argument" + (count > 1 ? "s" : "") + ", got " + args.size());
        }
    }

    /** Compares dotted versions numerically ({@code 2.10 > 2.9}); missing components count as 0. */
    static int compareVersions(String a, String b) {
        int[] x = version(a);
        int[] y = version(b);
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? x[i] : 0;
            int q = i < y.length ? y[i] : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int[] version(String v) {
        String core = v.trim();
        int dash = core.indexOf('-');
        if (dash > 0) {
            core = core.substring(0, dash);
        }
        String[] parts = core.split("\\.");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid version '" + v + "' (expected a dotted version such as 2.4)");
            }
        }
        return out;
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private IllegalArgumentException error(String why) {
        return new IllegalArgumentException("invalid condition '" + text + "' at position " + (pos + 1) + ": " + why);
    }
}
