package io.ballast.acl.internal.pattern;

import java.util.ArrayList;
import java.util.List;

/** Builds the {@link PatternSet} of a match method from pattern strings, checking them with HAProxy's messages. */
public final class Patterns {

    private Patterns() {
    }

    /**
     * @param method   the match method
     * @param patterns the patterns, in order (their indexes are the map value indexes)
     * @param icase    {@code -i}
     * @param forMap   a map converter: {@code beg} returns the longest prefix rather than any
     */
    public static PatternSet compile(MatchMethod method, List<String> patterns, boolean icase, boolean forMap)
            throws PatternException {
        switch (method) {
            case FOUND: return new SimplePatterns.Found();
            case BOOL: return new SimplePatterns.Bool();
            case BIN: return new SimplePatterns.Bin(patterns);
            case METH: return new SimplePatterns.Method(patterns, icase);
            case STR: return new StrPatterns(patterns, icase);
            case BEG: return new CharTrie(patterns, icase, false, true);
            case END: return new CharTrie(patterns, icase, true, false);
            case SUB:
            case DIR:
            case DOM: return new ListPatterns(patterns, method, icase);
            case REG: return new RegPatterns(patterns, icase);
            case IP: return new IpPatterns(patterns);
            case INT:
            case LEN: {
                long[] mins = new long[patterns.size()];
                long[] maxs = new long[patterns.size()];
                for (int i = 0; i < mins.length; i++) {
                    long[] r = IntPatterns.parseRange(patterns.get(i));
                    mins[i] = r[0];
                    maxs[i] = r[1];
                }
                return new IntPatterns(mins, maxs, method == MatchMethod.LEN);
            }
            default:
                throw new IllegalArgumentException(method.name());
        }
    }

    /** Compiles a regular expression, with HAProxy's message when it is wrong. */
    public static java.util.regex.Pattern regex(String regex, boolean icase) throws PatternException {
        return RegPatterns.compile(regex, icase);
    }

    /**
     * Applies HAProxy's integer operators to ACL words: {@code eq ge gt le lt} set the operator for the following
     * values (it persists), {@code gt 5} becomes {@code 6:} and so on; values with {@code :} are ranges as written.
     * A trailing lone operator is ignored.
     */
    public static List<String> applyIntegerOperators(List<String> words) throws PatternException {
        List<String> out = new ArrayList<>();
        String op = "eq";
        for (String w : words) {
            switch (w) {
                case "eq": case "ge": case "gt": case "le": case "lt":
                    op = w;
                    continue;
                default:
                    break;
            }
            if (w.indexOf(':') >= 0 || op.equals("eq")) {
                out.add(w);
                continue;
            }
            long v = IntPatterns.parseRange(w)[0];
            switch (op) {
                case "ge": out.add(v + ":"); break;
                case "gt": out.add((v + 1) + ":"); break;
                case "le": out.add(":" + v); break;
                default: out.add(":" + (v - 1)); break;
            }
        }
        return out;
    }
}
