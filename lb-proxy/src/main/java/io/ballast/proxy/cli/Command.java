package io.ballast.proxy.cli;

import java.util.concurrent.CompletableFuture;

/** What a runtime API command does. */
@FunctionalInterface
interface Command {

    /**
     * Runs the command. Quick commands answer at once; those applied on another event loop (server state changes)
     * answer once applied, so that the next command of the session sees their effect.
     *
     * @return the output, each line ending with {@code \n}, or an empty string when there is none
     */
    CompletableFuture<String> run(Invocation invocation);
}
