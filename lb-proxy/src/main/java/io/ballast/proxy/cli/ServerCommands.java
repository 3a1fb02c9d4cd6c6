package io.ballast.proxy.cli;

import io.ballast.core.config.StatsSocketConfig.Level;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.health.AdminState;
import io.ballast.health.ForcedHealth;
import io.ballast.health.HealthChecks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import static io.ballast.proxy.cli.Invocation.reply;

/**
 * The commands that change servers, in HAProxy 2.6's words: {@code set server} (state, health, agent, weight, addr),
 * {@code set weight}, {@code get weight}, {@code enable|disable server|health|agent}, {@code add server} and
 * {@code del server}. State changes go through the health checks, so that they combine with check results as in
 * HAProxy.
 */
final class ServerCommands {

    private static final String SET_SERVER_USAGE = "usage: set server <backend>/<server> addr | agent | agent-addr"
            + " | agent-port | agent-send | check-addr | check-port | fqdn | health | ssl | state | weight\n";
    private final RuntimeTarget target;
    private final ServerLookup servers;

    ServerCommands(RuntimeTarget target) {
        this.target = target;
        this.servers = new ServerLookup(target);
    }

    /** The health checks of the configuration served now (a reload replaces them). */
    private HealthChecks checks() {
        return target.healthChecks();
    }

    List<Keyword> keywords() {
        return List.of(
                new Keyword(List.of("set", "server"),
                        "set server <bk>/<srv> [opts]            : change a server's state, weight, address or ssl",
                        admin(this::setServer)),
                new Keyword(List.of("set", "weight"),
                        "set weight <bk>/<srv>  (DEPRECATED)     : change a server's weight (use 'set server' instead)",
                        admin(inv -> servers.find(inv.arg(2), s -> reply(Weights.change(s, inv.arg(3)))))),
                new Keyword(List.of("get", "weight"),
                        "get weight <bk>/<srv>                   : report a server's current weight",
                        inv -> servers.find(inv.arg(2), s -> reply(s.weight() + " (initial " + s.config().weight()
                                + ")\n"))),
                new Keyword(List.of("enable", "server"),
                        "enable server  (DEPRECATED)             : enable a disabled server (use 'set server' instead)",
                        admin(inv -> servers.find(inv.arg(2), s -> done(checks().setAdminState(s, AdminState.READY))))),
                new Keyword(List.of("disable", "server"),
                        "disable server (DEPRECATED)             : disable a server for maintenance (use 'set server'"
                                + " instead)",
                        admin(inv -> servers.find(inv.arg(2), s -> done(checks().setAdminState(s, AdminState.MAINT))))),
                new Keyword(List.of("enable", "health"),
                        "enable health                           : enable health checks",
                        admin(inv -> servers.find(inv.arg(2), s -> checks().controlState(s).hasHealthCheck()
                                ? done(checks().enableHealthCheck(s, true))
                                : reply("Health check was not configured on this server, cannot enable.\n")))),
                new Keyword(List.of("disable", "health"),
                        "disable health                          : disable health checks",
                        admin(inv -> servers.find(inv.arg(2), s -> done(checks().enableHealthCheck(s, false))))),
                new Keyword(List.of("enable", "agent"),
                        "enable agent                            : enable agent checks",
                        admin(inv -> servers.find(inv.arg(2), s -> checks().controlState(s).hasAgent()
                                ? done(checks().enableAgent(s, true))
                                : reply("Agent was not configured on this server, cannot enable.\n")))),
                new Keyword(List.of("disable", "agent"),
                        "disable agent                           : disable agent checks",
                        admin(inv -> servers.find(inv.arg(2), s -> done(checks().enableAgent(s, false))))),
                new Keyword(List.of("add", "server"),
                        "add server <bk>/<srv>                   : create a new server",
                        admin(this::addServer)),
                new Keyword(List.of("del", "server"),
                        "del server <bk>/<srv>                   : remove a dynamically added server",
                        admin(this::deleteServer)));
    }

    /** A command of the admin level: refused below it, as HAProxy checks before anything else. */
    private static Command admin(Command command) {
        return inv -> inv.allows(Level.ADMIN) ? command.run(inv) : reply(Invocation.PERMISSION_DENIED);
    }

    private CompletableFuture<String> setServer(Invocation inv) {
        return servers.find(inv.arg(2), s -> {
            String value = inv.arg(4);
            return switch (inv.arg(3)) {
                case "state" -> switch (value) {
                    case "ready" -> done(checks().setAdminState(s, AdminState.READY));
                    case "drain" -> done(checks().setAdminState(s, AdminState.DRAIN));
                    case "maint" -> done(checks().setAdminState(s, AdminState.MAINT));
                    default -> reply("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n");
                };
                case "health" -> switch (value) {
                    case "up" -> done(checks().forceHealth(s, ForcedHealth.UP));
                    case "stopping" -> done(checks().forceHealth(s, ForcedHealth.STOPPING));
                    case "down" -> done(checks().forceHealth(s, ForcedHealth.DOWN));
                    default -> reply("'set server <srv> health' expects 'up', 'stopping', or 'down'.\n");
                };
                case "agent" -> agent(s, value);
                case "weight" -> reply(Weights.change(s, value));
                case "addr" -> inv.arg(4).isEmpty()
                        ? reply("set server <b>/<s> addr requires an address and optionally a port.\n")
                        : reply(target.setServerAddress(s, inv.arg(4), inv.arg(5).equals("port") ? inv.arg(6) : null));
                case "agent-addr", "agent-port", "agent-send", "check-addr", "check-port", "fqdn", "ssl" ->
                        reply("'set server <srv> " + inv.arg(3) + "' is not supported by Ballast yet.\n");
                default -> reply(SET_SERVER_USAGE);
            };
        });
    }

    private CompletableFuture<String> agent(Server s, String value) {
        if (!checks().controlState(s).hasAgent()) {
            return reply("agent checks are not enabled on this server.\n");
        }
        return switch (value) {
            case "up" -> done(checks().forceAgent(s, true));
            case "down" -> done(checks().forceAgent(s, false));
            default -> reply("'set server <srv> agent' expects 'up' or 'down'.\n");
        };
    }

    /** {@code del server <backend>/<server>}: every answer without the empty line, as HAProxy 2.6 gives them. */
    private CompletableFuture<String> deleteServer(Invocation inv) {
        inv.session().omitLineFeed();
        return servers.find(inv.arg(2), s -> reply(target.deleteServer(s)));
    }

    /**
     * {@code add server <backend>/<name> <address> [options]}. HAProxy 2.6 answers an unknown backend and a static
     * algorithm as errors, without the empty line after them.
     */
    private CompletableFuture<String> addServer(Invocation inv) {
        String arg = inv.arg(2);
        int slash = arg.indexOf('/');
        if (slash <= 0 || slash == arg.length() - 1) {
            return reply("Require 'backend/server'.\n");
        }
        String backendName = arg.substring(0, slash);
        Backend backend = target.backends().stream().filter(b -> b.name().equals(backendName)).findFirst()
                .orElse(null);
        if (backend == null || Weights.isStatic(backend.config().balance())) {
            inv.session().omitLineFeed();
            return reply(backend == null ? "No such backend.\n"
                    : "Backend must use a dynamic load balancing to support dynamic servers.\n");
        }
        List<String> words = inv.line().words();
        return reply(target.addServer(backend, arg.substring(slash + 1),
                words.subList(Math.min(3, words.size()), words.size())));
    }

    /** No output, once the change is applied (a failure, as when the checks stopped meanwhile, is the session's). */
    private static CompletableFuture<String> done(CompletableFuture<Void> change) {
        return change.thenApply(v -> "");
    }

    /** Finds the server of a {@code <backend>/<server>} argument, with HAProxy's answers when there is none. */
    static final class ServerLookup {

        private final RuntimeTarget target;

        ServerLookup(RuntimeTarget target) {
            this.target = target;
        }

        /** Runs {@code then} on the server named by {@code arg}, or answers why there is none. */
        CompletableFuture<String> find(String arg, Function<Server, CompletableFuture<String>> then) {
            int slash = arg.indexOf('/');
            if (slash <= 0 || slash == arg.length() - 1) {
                return reply("Require 'backend/server'.\n");
            }
            String backend = arg.substring(0, slash);
            String server = arg.substring(slash + 1);
            return target.backends().stream().filter(b -> b.name().equals(backend)).findFirst()
                    .map(b -> b.server(server) == null ? reply("No such server.\n") : then.apply(b.server(server)))
                    .orElseGet(() -> reply("No such backend.\n"));
        }
    }
}
