package io.ballast.acl.internal.expr;

import io.ballast.acl.AclException;
import io.ballast.acl.internal.sample.Casts;
import io.ballast.acl.internal.sample.Sample;
import io.ballast.core.config.Suggestions;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code fetch[(args)][,converter[(args)]]...} into a {@link CompiledSample}, HAProxy's
 * {@code sample_parse_expr}. Arguments end at the first {@code )} that is neither quoted nor escaped; inside them
 * {@code \x} is {@code x}, {@code '...'} is literal and {@code "..."} is literal but for backslash escapes.
 */
public final class SampleParser {

    private final Registry registry;
    private final CompileEnv env;

    public SampleParser(Registry registry, CompileEnv env) {
        this.registry = registry;
        this.env = env;
    }

    /** The result of parsing an expression inside a longer string. */
    public record Parsed(CompiledSample sample, int end) {
    }

    /** Parses an ACL criterion: the whole word; ACL-only keywords such as {@code path_beg} are allowed. */
    public CompiledSample parseAclCriterion(String word) throws AclException {
        Parsed p = parse(word, 0, Mode.ACL);
        return p.sample();
    }

    /** Parses a standalone sample expression (the whole string). */
    public CompiledSample parseExpression(String text) throws AclException {
        Parsed p = parse(text, 0, Mode.EXPR);
        return p.sample();
    }

    /** Parses the expression of a {@code %[...]} starting at {@code start}; it ends at the closing {@code ]}. */
    public Parsed parseTemplatePart(String text, int start) throws AclException {
        return parse(text, start, Mode.TEMPLATE);
    }

    private enum Mode { ACL, EXPR, TEMPLATE }

    private Parsed parse(String s, int start, Mode mode) throws AclException {
        int i = start;
        int nameEnd = scanName(s, i);
        String name = s.substring(i, nameEnd);
        String exprText = mode == Mode.TEMPLATE ? s.substring(start, endOfTemplateExpr(s, start)) : s.substring(start);
        if (name.isEmpty()) {
            if (mode == Mode.ACL) {
                throw error("missing fetch method in ACL expression '" + s + "'.");
            }
            throw error(prefix(mode, exprText) + "missing fetch method");
        }
        Keyword kw = (mode == Mode.ACL ? registry.aclKeywords() : registry.fetches()).get(name);
        if (kw == null) {
            String hint = Suggestions.didYouMeanSentence(name, (mode == Mode.ACL ? registry.aclKeywords() : registry.fetches()).keySet());
            if (mode == Mode.ACL) {
                throw error("unknown fetch method '" + name + "' in ACL expression '" + s + "'." + hint);
            }
            if (registry.aclKeywords().containsKey(name)) {
                hint = " '" + name + "' is only valid as an ACL criterion." + hint;
            }
            throw error(prefix(mode, exprText) + "unknown fetch method '" + name + "'." + hint);
        }
        i = nameEnd;
        ArgList argList = null;
        if (i < s.length() && s.charAt(i) == '(') {
            argList = readArgs(s, i, () -> fetchPrefix(mode, name, exprText), mode, s);
            i = argList.end;
        }
        Args args = checkArgs(kw, argList, true, mode, exprText, s);
        Fetch fetch;
        try {
            fetch = kw.fetch().create(args);
        } catch (ArgException e) {
            throw error(fetchPrefix(mode, name, exprText) + "invalid args in fetch method '" + name + "' : "
                    + e.getMessage() + suffix(mode, s));
        }
        byte type = kw.outType();
        List<Converter> convs = new ArrayList<>();
        List<Byte> ins = new ArrayList<>();
        while (true) {
            if (i >= s.length() || (mode == Mode.TEMPLATE && s.charAt(i) == ']')) {
                break;
            }
            char c = s.charAt(i);
            if (c != ',') {
                if (mode == Mode.ACL) {
                    throw error("ACL keyword '" + name + "' : missing comma after fetch keyword.");
                }
                throw error(prefix(mode, exprText) + "missing comma after '" + s.substring(start, i) + "'");
            }
            i++;
            int cEnd = scanName(s, i);
            String cname = s.substring(i, cEnd);
            if (cname.isEmpty()) {
                if (i >= s.length() || (mode == Mode.TEMPLATE && s.charAt(i) == ']')) {
                    break; // a trailing comma is tolerated, as in HAProxy
                }
                throw error(convPrefix(mode, name, exprText) + "missing converter name before '" + s.substring(i) + "'.");
            }
            Keyword ck = registry.converters().get(cname);
            if (ck == null) {
                throw error(convPrefix(mode, name, exprText) + "unknown converter '" + cname + "'."
                        + Suggestions.didYouMeanSentence(cname, registry.converters().keySet()));
            }
            i = cEnd;
            ArgList cargs = null;
            if (i < s.length() && s.charAt(i) == '(') {
                final String cn = cname;
                cargs = readArgs(s, i, () -> convPrefix(mode, name, exprText) + "invalid args in converter '" + cn + "' : ", mode, s);
                i = cargs.end;
            }
            if (!Casts.canCast(type, ck.inType())) {
                throw error(convPrefix(mode, name, exprText) + "converter '" + cname + "' cannot be applied to a sample of type '"
                        + Sample.typeName(type) + "'.");
            }
            Args a = checkConverterArgs(ck, cargs, mode, name, exprText, s);
            try {
                convs.add(ck.conv().create(a));
            } catch (ArgException e) {
                throw error(convPrefix(mode, name, exprText) + "invalid args in converter '" + cname + "' : "
                        + e.getMessage() + (mode == Mode.ACL ? "." : ""));
            }
            ins.add(ck.inType());
            type = ck.outType() == Sample.ANY ? type : ck.outType();
        }
        Converter[] ca = convs.toArray(new Converter[0]);
        byte[] ia = new byte[ins.size()];
        for (int k = 0; k < ia.length; k++) {
            ia[k] = ins.get(k);
        }
        if (mode == Mode.TEMPLATE && i >= s.length()) {
            throw error("missing ']' after '" + s.substring(start) + "'");
        }
        return new Parsed(new CompiledSample(kw, fetch, ca, ia, type, s.substring(start, i)), i);
    }

    private static int endOfTemplateExpr(String s, int start) {
        int e = s.indexOf(']', start);
        return e < 0 ? s.length() : e;
    }

    private static String prefix(Mode mode, String exprText) {
        return mode == Mode.ACL ? "" : "failed to parse sample expression <" + exprText + "> : ";
    }

    private static String fetchPrefix(Mode mode, String name, String exprText) {
        return mode == Mode.ACL ? "fetch method '" + name + "' : " : prefix(mode, exprText) + "fetch method '" + name + "' : ";
    }

    private static String convPrefix(Mode mode, String name, String exprText) {
        return mode == Mode.ACL ? "ACL keyword '" + name + "' : " : prefix(mode, exprText);
    }

    private static String suffix(Mode mode, String word) {
        return mode == Mode.ACL ? " in ACL expression '" + word + "'." : "";
    }

    private static int scanName(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private record ArgList(List<String> values, List<Integer> starts, int end, int closeParen) {
    }

    private interface Prefix {
        String get();
    }

    private ArgList readArgs(String s, int open, Prefix prefix, Mode mode, String word) throws AclException {
        List<String> values = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int i = open + 1;
        starts.add(i);
        while (true) {
            if (i >= s.length()) {
                throw error(prefix.get() + "expected ')'" + (mode == Mode.ACL ? "." : ""));
            }
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                // A backslash protects the argument syntax (',', ')', ']', quotes, itself); before anything else it
                // stays, so that regexes such as regsub(\.,-,g) keep their escapes, as HAProxy 2.6 does.
                char next = s.charAt(i + 1);
                if ("\\,)]'\"".indexOf(next) < 0) {
                    cur.append(c);
                }
                cur.append(next);
                i += 2;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                quoted = true;
                while (j < s.length() && s.charAt(j) != c) {
                    if (c == '"' && s.charAt(j) == '\\' && j + 1 < s.length()) {
                        j++;
                    }
                    cur.append(s.charAt(j));
                    j++;
                }
                if (j >= s.length()) {
                    throw error(prefix.get() + "unmatched quote in arguments" + (mode == Mode.ACL ? "." : ""));
                }
                i = j + 1;
            } else if (c == ',') {
                values.add(cur.toString());
                cur.setLength(0);
                i++;
                starts.add(i - 1);
            } else if (c == ')') {
                if (!values.isEmpty() || cur.length() > 0 || quoted) {
                    values.add(cur.toString());
                }
                return new ArgList(values, starts, i + 1, i);
            } else {
                cur.append(c);
                i++;
            }
        }
    }

    private Args checkArgs(Keyword kw, ArgList list, boolean isFetch, Mode mode, String exprText, String word)
            throws AclException {
        String pre = fetchPrefix(mode, kw.name(), exprText);
        String suf = suffix(mode, word);
        List<String> values = list == null ? List.of() : list.values();
        ArgKind[] kinds = kw.args();
        if (list != null && values.isEmpty() && kw.minArgs() > 0 && kinds[0] == ArgKind.STR) {
            values = List.of(""); // "str()" is one empty string, as in HAProxy
        }
        for (int k = 0; k < values.size(); k++) {
            if (k >= kinds.length) {
                int from = list.starts().get(kinds.length);
                throw error(pre + "expected ')' before '" + wordFrom(word, exprText, mode, from, list) + "'" + suf);
            }
            if (kinds[k] == ArgKind.SINT && !isLong(values.get(k))) {
                throw error(pre + "failed to parse '" + values.get(k) + "' as type 'integer' at position " + (k + 1) + suf);
            }
        }
        if (values.size() < kw.minArgs()) {
            ArgKind k = kinds[values.size()];
            if (list == null) {
                throw error(pre + "expected type '" + k.label + "' at position " + (values.size() + 1)
                        + ", but got nothing" + suf);
            }
            throw error(pre + "missing arguments (got " + values.size() + "/" + kw.minArgs() + "), type '" + k.label
                    + "' expected" + suf);
        }
        long[] ints = parseInts(kinds, values, pre, suf);
        return new Args(kw.name(), List.copyOf(values), ints, env);
    }

    private static String wordFrom(String word, String exprText, Mode mode, int from, ArgList list) {
        int end = Math.min(word.length(), list.closeParen() + 1);
        return from < end ? word.substring(from, end) : "";
    }

    private Args checkConverterArgs(Keyword ck, ArgList list, Mode mode, String fetchName, String exprText,
                                    String s) throws AclException {
        String pre = convPrefix(mode, fetchName, exprText);
        String dot = mode == Mode.ACL ? "." : "";
        List<String> values = list == null ? List.of() : list.values();
        ArgKind[] kinds = ck.args();
        if (values.size() > kinds.length) {
            int from = list.starts().get(kinds.length);
            String rest = s.substring(from, list.closeParen() + 1);
            throw error(pre + "invalid arg " + (kinds.length + 1) + " in converter '" + ck.name() + "' : expected ')' before '"
                    + rest + "'." + dot);
        }
        if (values.size() < ck.minArgs()) {
            throw error(pre + "invalid arg " + (values.size() + 1) + " in converter '" + ck.name()
                    + "' : missing arguments (got " + values.size() + "/" + ck.minArgs() + "), type '"
                    + kinds[values.size()].label + "' expected." + dot);
        }
        for (int k = 0; k < values.size(); k++) {
            if (kinds[k] == ArgKind.SINT && !isLong(values.get(k))) {
                throw error(pre + "invalid arg " + (k + 1) + " in converter '" + ck.name() + "' : failed to parse '"
                        + values.get(k) + "' as type 'integer' at position " + (k + 1) + "." + dot);
            }
        }
        long[] ints = new long[values.size()];
        for (int k = 0; k < values.size(); k++) {
            if (kinds[k] == ArgKind.SINT) {
                ints[k] = Long.parseLong(stripPlus(values.get(k)));
            }
        }
        return new Args(ck.name(), List.copyOf(values), ints, env);
    }

    private long[] parseInts(ArgKind[] kinds, List<String> values, String pre, String suf) throws AclException {
        long[] ints = new long[values.size()];
        for (int k = 0; k < values.size(); k++) {
            if (kinds[k] == ArgKind.SINT) {
                if (!isLong(values.get(k))) {
                    throw error(pre + "failed to parse '" + values.get(k) + "' as type 'integer' at position " + (k + 1) + suf);
                }
                ints[k] = Long.parseLong(stripPlus(values.get(k)));
            }
        }
        return ints;
    }

    private static String stripPlus(String v) {
        return v.startsWith("+") ? v.substring(1) : v;
    }

    static boolean isLong(String v) {
        String t = stripPlus(v);
        if (t.isEmpty() || t.equals("-")) {
            return false;
        }
        try {
            Long.parseLong(t);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private AclException error(String message) {
        return new AclException(message, env.location());
    }

}
