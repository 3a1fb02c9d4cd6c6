package io.ballast.core.config;

import java.util.List;

/**
 * A rule or ACL line that a later module compiles ({@code acl}, {@code use_backend}, {@code use-server},
 * {@code http-request}, {@code http-response}, {@code tcp-request}, {@code redirect}, {@code capture}), kept as
 * written so that
 * its errors can name the file and line.
 *
 * @param words    the keyword followed by its arguments, never empty
 * @param location the file and line
 */
public record RuleLine(List<String> words, SourceLocation location) {

    /** Copies the words. */
    public RuleLine {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a rule line has at least its keyword");
        }
    }

    /** The first word, e.g. {@code http-request}. */
    public String keyword() {
        return words.get(0);
    }
}
