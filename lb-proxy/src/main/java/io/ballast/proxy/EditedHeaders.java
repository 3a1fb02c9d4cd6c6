package io.ballast.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The header lines of a head once a rule edited them, in order. Made from the parsed head on the first edit, so
 * a request that no rule touches costs nothing here.
 *
 * <p>Framing and connection headers ({@code Content-Length}, {@code Transfer-Encoding}, {@code Connection},
 * {@code Keep-Alive}, {@code Proxy-Connection}) are the engine's to manage: rules cannot add, change or remove
 * them, since a rule that did could make Ballast and the server disagree on where a message ends.
 */
final class EditedHeaders {

    private static final Set<String> PROTECTED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "proxy-connection");

    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    /** {@link HttpHead} kinds; added headers are {@link HttpHead#KIND_OTHER}. */
    private final List<Integer> kinds = new ArrayList<>();

    EditedHeaders(HttpHead head, HeadLines lines) {
        for (int i = 0; i < head.headerCount(); i++) {
            names.add(lines.name(i));
            values.add(lines.value(i));
            kinds.add(head.kind(i));
        }
    }

    /** Whether rules may touch header {@code name}. */
    static boolean isEditable(String name) {
        return !PROTECTED.contains(name.toLowerCase(Locale.ROOT));
    }

    int size() {
        return names.size();
    }

    String name(int i) {
        return names.get(i);
    }

    String value(int i) {
        return values.get(i);
    }

    int kind(int i) {
        return kinds.get(i);
    }

    /** The last value of {@code name}, or {@code null}. */
    String last(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** {@code http-request add-header}: appends a line. */
    void add(String name, String value) {
        if (isEditable(name)) {
            names.add(name);
            values.add(value);
            kinds.add(HttpHead.KIND_OTHER);
        }
    }

    /** {@code http-request del-header}: removes every line called {@code name}. */
    void delete(String name) {
        if (!isEditable(name)) {
            return;
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                kinds.remove(i);
            }
        }
    }

    /** {@code http-request set-header}: removes every line called {@code name}, then appends one. */
    void set(String name, String value) {
        delete(name);
        add(name, value);
    }

    /** Replaces the value of every line called {@code name} by {@code edit} applied to it. */
    void replace(String name, UnaryOperator<String> edit) {
        if (!isEditable(name)) {
            return;
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                values.set(i, edit.apply(values.get(i)));
            }
        }
    }
}
