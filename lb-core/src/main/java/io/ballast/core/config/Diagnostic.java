package io.ballast.core.config;

/**
 * A notice, warning or error found while reading a configuration, printed as HAProxy prints them:
 * {@code parsing [haproxy.cfg:12] : 'contimeout' ...}.
 *
 * @param severity how bad it is
 * @param location where, or {@code null} for a problem with the whole configuration
 * @param keyword  the keyword concerned, or {@code null}
 * @param message  a sentence a user can act on
 */
public record Diagnostic(Severity severity, SourceLocation location, String keyword, String message) {

    /** How bad a diagnostic is. */
    public enum Severity {
        /**
         * Information the configuration asked to print ({@code .notice}); not a warning: it does not count for
         * {@code zero-warning} or {@code -dW}.
         */
        NOTICE,
        /** The configuration loads, but probably does not do what was meant, or a feature is not available. */
        WARNING,
        /** The configuration cannot be used. */
        ERROR
    }

    /** The diagnostic without its severity, in HAProxy's {@code parsing [file:line] : ...} style. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (location != null) {
            s.append("parsing [").append(location).append("] : ");
        }
        if (keyword != null) {
            s.append('\'').append(keyword).append("' : ");
        }
        return s.append(message).toString();
    }
}
