package io.ballast.proxy.cli;

import io.ballast.core.config.StatsSocketConfig.Level;
import io.ballast.proxy.stats.HumanTime;
import io.ballast.proxy.stats.StatsSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static io.ballast.proxy.cli.Invocation.reply;

/** {@code clear counters [all]}, {@code reload} and {@code show sess}. */
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
                new Keyword(List.of("_getsocks"), null, this::sendListeners),
                new Keyword(List.of("reload"),
                        "reload                                  : reload the configuration from its files",
                        this::reload),
                new Keyword(List.of("show", "proc"),
                        "show proc                               : show processes status",
                        this::showProc),
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
     * {@code _getsocks}: sends the listening sockets to the process that asks, as SCM_RIGHTS messages (a new process
     * started with {@code -x}); only at the admin level, on a socket with {@code expose-fd listeners}.
     */
    private CompletableFuture<String> sendListeners(Invocation inv) {
        if (!inv.allows(Level.ADMIN) || !inv.session().exposesListeners()) {
            return reply(Invocation.PERMISSION_DENIED);
        }
        if (!inv.session().sendDescriptors(target.listenerDescriptors())) {
            return reply("Listening sockets can only be passed over a UNIX socket.\n");
        }
        return reply("");
    }

    /**
     * {@code show proc}, as HAProxy's master CLI lays it out. Ballast's one process is both the master (it reloads)
     * and the worker (it serves), so it is listed in both places.
     */
    private CompletableFuture<String> showProc(Invocation inv) {
        String pid = "", version = "";
        long uptime = 0;
        for (StatsSource.InfoField f : target.stats().info()) {
            switch (f.name()) {
                case "Pid" -> pid = String.valueOf(f.value());
                case "Version" -> version = String.valueOf(f.value());
                case "Uptime_sec" -> uptime = ((Number) f.value()).longValue();
                default -> { }
            }
        }
        RuntimeTarget.Reloads reloads = target.reloads();
        String up = String.format("%dd%02dh%02dm%02ds", uptime / 86400, uptime / 3600 % 24, uptime / 60 % 60,
                uptime % 60);
        String row = "%-15s %-15s %-15s %-15s %s\n";
        return reply(String.format("%-15s %-15s %-15s %-15s %-15s\n", "#<PID>", "<type>", "<reloads>", "<uptime>",
                "<version>")
                + String.format(row, pid, "master", reloads.done() + " [failed: " + reloads.failed() + "]", up, version)
                + "# workers\n"
                + String.format(row, pid, "worker", reloads.done(), up, version)
                + "# programs\n");
    }

    private CompletableFuture<String> reload(Invocation inv) {
        if (!inv.allows(Level.ADMIN)) {
            return reply(Invocation.PERMISSION_DENIED);
        }
        CompletableFuture<String> outcome = target.reload();
        return outcome != null ? outcome : reply("Reload is not available: the configuration was not read from files.\n");
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
