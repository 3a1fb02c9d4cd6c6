package io.ballast.proxy.cli;

import io.ballast.core.config.StatsSocketConfig.Level;

import java.util.concurrent.CompletableFuture;

/**
 * One command to run: its line and the session running it.
 *
 * @param line    the command's words and payload
 * @param session the session that sent it
 */
record Invocation(CommandLine line, Session session) {

    /** HAProxy's answer to a command above the session's level. */
    static final String PERMISSION_DENIED = "Permission denied\n";

    /** The word at {@code i}, the command's own words included, or an empty string past the end. */
    String arg(int i) {
        return line.word(i);
    }

    /** Whether the session may run commands of {@code level}. */
    boolean allows(Level level) {
        return session.level().compareTo(level) >= 0;
    }

    /** An answer given at once. */
    static CompletableFuture<String> reply(String text) {
        return CompletableFuture.completedFuture(text);
    }
}
