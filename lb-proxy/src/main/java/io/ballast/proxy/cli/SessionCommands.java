package io.ballast.proxy.cli;

import io.ballast.core.config.StatsSocketConfig.Level;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.ballast.proxy.cli.Invocation.reply;

/** The commands about the session itself: {@code prompt}, {@code quit}, {@code operator}, {@code user}, {@code show cli level}. */
final class SessionCommands {

    private SessionCommands() {
    }

    static List<Keyword> keywords() {
        return List.of(
                new Keyword(List.of("prompt"), null, inv -> {
                    inv.session().togglePrompt();
                    return reply("");
                }),
                new Keyword(List.of("quit"), null, inv -> {
                    inv.session().quit();
                    return reply("");
                }),
                new Keyword(List.of("show", "cli", "level"),
                        "show cli level                          : display the level of the current CLI session",
                        inv -> reply(inv.session().level().keyword() + "\n")),
                new Keyword(List.of("operator"),
                        "operator                                : lower the level of the current CLI session to operator",
                        inv -> lower(inv, Level.OPERATOR)),
                new Keyword(List.of("user"),
                        "user                                    : lower the level of the current CLI session to user",
                        inv -> lower(inv, Level.USER)));
    }

    /** {@code operator} / {@code user}: a session may lower its level, never raise it. */
    private static CompletableFuture<String> lower(Invocation inv, Level level) {
        if ("-".equals(inv.arg(1))) {
            inv.session().omitLineFeed();
        }
        if (!inv.allows(level)) {
            return reply(Invocation.PERMISSION_DENIED);
        }
        inv.session().level(level);
        return reply("");
    }
}
