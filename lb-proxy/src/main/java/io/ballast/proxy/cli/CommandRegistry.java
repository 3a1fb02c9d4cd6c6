package io.ballast.proxy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static io.ballast.proxy.cli.Invocation.reply;

/**
 * The runtime API's commands: finds the one a line names, as HAProxy does (the first whose words start the line),
 * and answers {@code help} and unknown commands with the matching help lines.
 */
final class CommandRegistry {

    private final List<Keyword> keywords = new ArrayList<>();
    private final Usage usage;

    /** @param cliSessions the runtime API's own sessions, for {@code show sess} */
    CommandRegistry(RuntimeTarget target, Supplier<List<RuntimeTarget.Connection>> cliSessions) {
        keywords.add(new Keyword(List.of("help"), null,
                inv -> reply(usage().help(inv.line().words().subList(1, inv.line().words().size())))));
        keywords.addAll(SessionCommands.keywords());
        keywords.addAll(new StatsCommands(target).keywords());
        keywords.add(new ServersState(target).keyword());
        keywords.addAll(new ServerCommands(target).keywords());
        keywords.addAll(new ProcessCommands(target, cliSessions).keywords());
        usage = new Usage(keywords);
    }

    /** The help text of the whole table; {@code help} reads it through here since it is built after the table. */
    private Usage usage() {
        return usage;
    }

    /** Runs the command {@code invocation} names, or answers that there is none. */
    CompletableFuture<String> run(Invocation invocation) {
        List<String> words = invocation.line().words();
        for (Keyword k : keywords) {
            if (k.matches(words)) {
                return k.command().run(invocation);
            }
        }
        return reply(usage.unknown(words));
    }
}
