package io.ballast.core.config;

import java.util.List;

/**
 * One line of a proxy that sets error pages, kept in order: HAProxy 2.6 applies a proxy's {@code errorfile},
 * {@code errorfiles} and {@code http-error} lines, its defaults' first, in order, the last line for a status
 * winning. {@code errorfiles} may name an {@code http-errors} section declared further down, so references are
 * resolved once every file is read.
 *
 * @param status   the status it sets; 0 for an {@code errorfiles} line, which may set several
 * @param page     the response, or {@code null} for a reference or for {@code default-errorfiles}
 * @param section  the {@code http-errors} section referred to, or {@code null}
 * @param codes    the statuses taken from {@code section}; empty for all of them
 * @param location where the line is
 */
record ErrorPageLine(int status, ErrorFile page, String section, List<Integer> codes, SourceLocation location) {

    /** A page for its status ({@code errorfile}, {@code http-error}). */
    static ErrorPageLine page(ErrorFile page, SourceLocation location) {
        return new ErrorPageLine(page.status(), page, null, List.of(), location);
    }

    /** {@code http-error status <code> default-errorfiles}: back to Ballast's own page. */
    static ErrorPageLine builtIn(int status, SourceLocation location) {
        return new ErrorPageLine(status, null, null, List.of(), location);
    }

    /** Pages taken from an {@code http-errors} section: {@code codes}, or all when empty. */
    static ErrorPageLine reference(String section, List<Integer> codes, SourceLocation location) {
        return new ErrorPageLine(0, null, section, List.copyOf(codes), location);
    }
}
