package io.ballast.proxy.cli;

import io.ballast.core.config.StatsSocketConfig.Level;
import io.ballast.proxy.stats.HumanTime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static io.ballast.proxy.cli.Invocation.reply;

/** {@code clear counters [all]} and {@code show sess}. */
final class ProcessCommands {

    private final RuntimeTarget target;
    private final Supplier<List<RuntimeTarget.Connection>> cliSessions;

    /** @param cliSessions the runtime API's own sessions, which {@code show sess} lists too, as HAProxy does */
    ProcessCommands(RuntimeTarget target, Supplier<List<RuntimeTarget.Connection>> cliSessions) {
        this.target = target;
        this.cliSessions = cliSessions;
    }

    List<Keyword> keywords() {
        return List.of(
                new Keyword(List.of("clear", "counters"),
                        "clear counters [all]                    : clear max statistics counters (or all counters)",
                        this::clearCounters),
                new Keyword(List.of("show", "sess"),
                        "show sess [id]                          : report the list of current sessions or dump this"
                                + " exact session",
                        this::showSessions));
    }

    private CompletableFuture<String> clearCounters(Invocation inv) {
        boolean all = inv.arg(2).equals("all");
        if (!inv.allows(all ? Level.ADMIN : Level.OPERATOR)) {
            return reply(Invocation.PERMISSION_DENIED);
        }
        target.clearCounters(all);
        return reply("");
    }

    /**
     * One line per connection, in HAProxy's layout but with only the fields Ballast knows: the runtime API's
     * sessions ({@code fe=GLOBAL}, as HAProxy names them), then the clients'.
     */
    private CompletableFuture<String> showSessions(Invocation inv) {
        if (!inv.allows(Level.OPERATOR)) {
            return reply(Invocation.PERMISSION_DENIED);
        }
        List<RuntimeTarget.Connection> all = new ArrayList<>(cliSessions.get());
        all.addAll(target.connections());
        StringBuilder out = new StringBuilder();
        for (RuntimeTarget.Connection c : all) {
            out.append("0x").append(Long.toHexString(c.id())).append(": proto=").append(c.protocol()).append(" src=")
                    .append(c.source()).append(" fe=").append(c.frontend());
            if (c.backend() != null) {
                out.append(" be=").append(c.backend());
            }
            if (c.server() != null) {
                out.append(" srv=").append(c.server());
            }
            if (c.ageSeconds() >= 0) {
                out.append(" age=").append(HumanTime.of(c.ageSeconds()));
            }
            out.append('\n');
        }
        return reply(out.toString());
    }
}
