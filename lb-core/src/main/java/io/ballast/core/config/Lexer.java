package io.ballast.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits one configuration line into words as HAProxy 2.6 does (cfg §2.2, §2.3): spaces and tabs separate words,
 * {@code #} starts a comment, backslash escapes, weak {@code "..."} and strong {@code '...'} quoting, and
 * environment variable expansion ({@code $VAR}, {@code ${VAR}}, {@code ${VAR-default}}, {@code ${VAR[*]}}),
 * which HAProxy 2.6.12 performs only inside double quotes: {@code .notice pre$HOME} prints {@code pre$HOME}
 * (verified with {@code haproxy -c}). Unquoted {@code bind :${PORT}} or {@code bind fd@$FD} still work because
 * HAProxy's address parser expands {@code $VAR} and {@code ${VAR}} itself: see {@link #expandAddress}.
 */
final class Lexer {

    /** A line that cannot be split, e.g. because of an unterminated quote. */
    static final class LexException extends Exception {
        LexException(String message) {
            super(message);
        }
    }

    private final Function<String, String> variables;

    /** @param variables looks a variable up; returns {@code null} when it is not set */
    Lexer(Function<String, String> variables) {
        this.variables = variables;
    }

    /** The words of {@code line} (comments removed, quotes and escapes resolved, variables expanded). */
    List<String> split(String line) throws LexException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int n = line.length();
        int i = 0;
        while (i < n) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '\\') {
                i = escape(line, i, word);
                inWord = true;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new LexException("unmatched quote at position " + (i + 1));
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                inWord = true;
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    } else if (d == '\\') {
                        i = escape(line, i, word);
                    } else if (d == '$') {
                        i = expand(line, i, word, words);
                    } else {
                        word.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new LexException("unmatched quote at position " + (line.lastIndexOf('"', n - 1) + 1));
                }
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** Handles the backslash at {@code i}; returns the index after the escape. */
    private static int escape(String line, int i, StringBuilder word) throws LexException {
        if (i + 1 >= line.length()) {
            word.append('\\');
            return i + 1;
        }
        char e = line.charAt(i + 1);
        switch (e) {
            case ' ', '#', '\\', '\'', '"', '$' -> word.append(e);
            case 'n' -> word.append('\n');
            case 'r' -> word.append('\r');
            case 't' -> word.append('\t');
            case 'x' -> {
                if (i + 4 > line.length()) {
                    throw new LexException("truncated '\\x' sequence at position " + (i + 1));
                }
                String hex = line.substring(i + 2, i + 4);
                try {
                    word.append((char) Integer.parseInt(hex, 16));
                } catch (NumberFormatException ex) {
                    throw new LexException("invalid hex digits in '\\x" + hex + "' at position " + (i + 1));
                }
                return i + 4;
            }
            default -> word.append('\\').append(e);
        }
        return i + 2;
    }

    /**
     * Expands the variable reference starting with the {@code $} at {@code i} into {@code word} (or, for
     * {@code ${VAR[*]}}, into several words). Returns the index after the reference.
     */
    private int expand(String line, int i, StringBuilder word, List<String> words) throws LexException {
        int n = line.length();
        if (i + 1 < n && line.charAt(i + 1) == '{') {
            int close = line.indexOf('}', i + 2);
            if (close < 0) {
                throw new LexException("missing '}' after '${' at position " + (i + 1));
            }
            String body = line.substring(i + 2, close);
            String name = body;
            String dflt = null;
            boolean split = false;
            int nameEnd = nameLength(body);
            if (nameEnd == 0) {
                throw new LexException("forbidden first char in environment variable name at position " + (i + 3));
            }
            name = body.substring(0, nameEnd);
            String rest = body.substring(nameEnd);
            if (rest.startsWith("-")) {
                dflt = rest.substring(1);
            } else if (rest.equals("[*]")) {
                split = true;
            } else if (!rest.isEmpty()) {
                throw new LexException("invalid variable reference '${" + body + "}' at position " + (i + 1));
            }
            String value = variables.apply(name);
            if (value == null) {
                value = dflt != null ? dflt : "";
            }
            if (split) {
                String[] parts = value.trim().split("[ \t]+");
                boolean first = true;
                for (String part : parts) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    if (!first) {
                        words.add(word.toString());
                        word.setLength(0);
                    }
                    word.append(part);
                    first = false;
                }
            } else {
                word.append(value);
            }
            return close + 1;
        }
        int len = nameLength(line.substring(i + 1));
        if (len == 0) {
            throw new LexException("forbidden first char in environment variable name at position " + (i + 2));
        }
        String value = variables.apply(line.substring(i + 1, i + 1 + len));
        word.append(value == null ? "" : value);
        return i + 1 + len;
    }

    /**
     * Expands {@code $VAR} and {@code ${VAR}} in an address as HAProxy's {@code env_expand()} does: the name is a
     * run of letters, digits and underscores (possibly empty), an unset variable expands to nothing, and there is
     * no default value or quoting.
     *
     * @param address the address word of a {@code bind}, {@code server} or {@code log} line
     * @return the address with its variables expanded
     */
    String expandAddress(String address) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < address.length()) {
            char c = address.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            int start = i + 1;
            boolean brace = start < address.length() && address.charAt(start) == '{';
            if (brace) {
                start++;
            }
            int end = start;
            while (end < address.length() && (Character.isLetterOrDigit(address.charAt(end)) && address.charAt(end) < 128
                    || address.charAt(end) == '_')) {
                end++;
            }
            String value = end > start ? variables.apply(address.substring(start, end)) : null;
            out.append(value == null ? "" : value);
            i = brace && end < address.length() && address.charAt(end) == '}' ? end + 1 : end;
        }
        return out.toString();
    }

    /** Length of the variable name at the start of {@code s}: {@code [A-Za-z_][A-Za-z0-9_]*} or {@code .NAME}. */
    private static int nameLength(String s) {
        int j = 0;
        if (!s.isEmpty() && s.charAt(0) == '.') {
            j = 1;
        }
        int start = j;
        while (j < s.length()) {
            char c = s.charAt(j);
            boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (j > start && c >= '0' && c <= '9');
            if (!ok) {
                break;
            }
            j++;
        }
        return j == start ? 0 : j;
    }
}
