package io.ballast.core.config;

import java.util.List;

/**
 * One configuration line after lexing: its words and where it was written.
 *
 * @param words    the keyword followed by its arguments, never empty
 * @param location the file and line
 */
record Directive(List<String> words, SourceLocation location) {

    Directive {
        words = List.copyOf(words);
    }

    String keyword() {
        return words.get(0);
    }

    /** The word at {@code i}, or {@code null} past the end. */
    String arg(int i) {
        return i < words.size() ? words.get(i) : null;
    }

    int size() {
        return words.size();
    }
}
