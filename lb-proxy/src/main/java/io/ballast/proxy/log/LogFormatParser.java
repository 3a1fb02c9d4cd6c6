package io.ballast.proxy.log;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a {@code log-format} string as HAProxy 2.6 does: {@code %var}, {@code %{+Q}var} / {@code %{-Q}var}
 * (flags {@code Q}, {@code X}, {@code E}), {@code %o} (flags for every following variable), {@code %%}, spaces as
 * separators, and sample expressions ({@code %[ssl_fc]}, {@code %[req.hdr(host),lower]}), compiled with the ACL
 * language.
 */
final class LogFormatParser {

    private final String format;
    private final List<Integer> ops = new ArrayList<>();
    private final List<Integer> flags = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();
    private final List<io.ballast.acl.SampleExpression> samples = new ArrayList<>();
    /** Compiles the sample expressions (map files are read once per format). */
    private io.ballast.acl.AclCompiler acl;
    private final StringBuilder text = new StringBuilder();
    private int globalFlags;

    private LogFormatParser(String format) {
        this.format = format;
    }

    /**
     * @param format the format, already unquoted by the configuration reader
     * @return the compiled format
     * @throws IllegalArgumentException naming what is wrong and where
     */
    static LogFormat compile(String format) {
        return new LogFormatParser(format).parse();
    }

    private LogFormat parse() {
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == ' ') {
                flushText();
                if (ops.isEmpty() || ops.get(ops.size() - 1) != LogFormat.SEPARATOR) {
                    add(LogFormat.SEPARATOR, 0, null);
                }
                i++;
            } else if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                text.append('%');
                i += 2;
            } else if (c == '%') {
                flushText();
                i = variable(i);
            } else {
                text.append(c);
                i++;
            }
        }
        flushText();
        int n = ops.size();
        int[] o = new int[n];
        int[] f = new int[n];
        for (int k = 0; k < n; k++) {
            o[k] = ops.get(k);
            f[k] = flags.get(k);
        }
        return new LogFormat(o, f, texts.toArray(new String[0]), format,
                samples.toArray(new io.ballast.acl.SampleExpression[0]));
    }

    /** Parses the variable at {@code start} (a {@code %}) and returns the index after it. */
    private int variable(int start) {
        int i = start + 1;
        int add = 0;
        int remove = 0;
        if (i < format.length() && format.charAt(i) == '{') {
            int close = format.indexOf('}', i);
            if (close < 0) {
                throw error(start, "missing '}' after '%{'");
            }
            String options = format.substring(i + 1, close);
            for (int k = 0; k < options.length(); k++) {
                char sign = options.charAt(k);
                if (sign == ',') {
                    continue;
                }
                if ((sign != '+' && sign != '-') || k + 1 >= options.length()) {
                    throw error(start, "flags are written '+Q' or '-Q', not '" + options + "'");
                }
                int flag = flag(options.charAt(++k), start);
                if (sign == '+') {
                    add |= flag;
                } else {
                    remove |= flag;
                }
            }
            i = close + 1;
        }
        if (i < format.length() && format.charAt(i) == '[') {
            return sample(start, i, (globalFlags | add) & ~remove);
        }
        int nameStart = i;
        while (i < format.length() && Character.isLetter(format.charAt(i))) {
            i++;
        }
        String name = format.substring(nameStart, i);
        if (name.isEmpty()) {
            throw error(start, "expected a variable name after '%' (use '%%' for a literal '%')");
        }
        if (name.equals("o")) {
            globalFlags = (globalFlags | add) & ~remove;
            return i;
        }
        LogVar v = LogVar.named(name);
        if (v == null) {
            throw error(start, "unknown or unsupported log-format variable '%" + name + "'");
        }
        add(v.ordinal(), (globalFlags | add) & ~remove, null);
        return i;
    }

    private int flag(char c, int at) {
        return switch (c) {
            case 'Q' -> LogFormat.QUOTE;
            case 'X' -> LogFormat.HEX;
            case 'E' -> LogFormat.ESCAPE;
            default -> throw error(at, "unknown log-format flag '" + c + "' (known: Q, X, E)");
        };
    }

    private void flushText() {
        if (text.length() > 0) {
            add(LogFormat.TEXT, 0, text.toString());
            text.setLength(0);
        }
    }

    /** Compiles the {@code %[...]} at {@code open} (its {@code [}) and returns the index after its {@code ]}. */
    private int sample(int start, int open, int f) {
        int depth = 0;
        int close = -1;
        for (int k = open; k < format.length() && close < 0; k++) {
            char c = format.charAt(k);
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                close = k;
            }
        }
        if (close < 0) {
            throw error(start, "missing ']' after '%['");
        }
        String expression = format.substring(open + 1, close);
        try {
            if (acl == null) {
                acl = io.ballast.acl.AclCompiler.create();
            }
            io.ballast.acl.SampleExpression compiled = acl.sample(expression, null);
            add(LogFormat.SAMPLE, f, null);
            samples.set(samples.size() - 1, compiled);
        } catch (io.ballast.acl.AclException e) {
            throw error(start, "failed to parse sample expression '" + expression + "': " + e.getMessage());
        }
        return close + 1;
    }

    private void add(int op, int f, String literal) {
        ops.add(op);
        flags.add(f);
        texts.add(literal);
        samples.add(null);
    }

    private IllegalArgumentException error(int at, String message) {
        return new IllegalArgumentException("log-format '" + format + "', at position " + at + ": " + message);
    }
}
