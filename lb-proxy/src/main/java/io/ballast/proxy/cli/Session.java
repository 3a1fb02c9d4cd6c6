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

    /** Whether its socket was declared with {@code expose-fd listeners}. */
    boolean exposesListeners();

    /**
     * Sends {@code descriptors} to the peer (as SCM_RIGHTS messages, one each, on a UNIX socket), then ends the
     * session; the descriptors stay open here.
     *
     * @return whether they could be sent: not on a TCP socket
     */
    boolean sendDescriptors(java.util.List<Integer> descriptors);
}
