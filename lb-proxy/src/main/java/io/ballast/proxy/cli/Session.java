package io.ballast.proxy.cli;

import io.ballast.core.config.StatsSocketConfig.Level;

/** What a command may do to the runtime API session that runs it. */
interface Session {

    /** The session's current level. */
    Level level();

    /** Lowers (or keeps) the session's level ({@code operator}, {@code user}). */
    void level(Level level);

    /** Switches interactive mode, with its {@code > } prompt, on or off ({@code prompt}). */
    void togglePrompt();

    /** Ends the session without writing anything more ({@code quit}). */
    void quit();

    /** Leaves out the empty line after this command's output, in non-interactive mode ({@code user -}). */
    void omitLineFeed();
}
