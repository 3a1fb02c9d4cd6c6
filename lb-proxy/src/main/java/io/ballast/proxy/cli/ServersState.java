package io.ballast.proxy.cli;

import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.health.CheckReport;
import io.ballast.health.ControlState;
import io.ballast.health.HealthChecks;
import io.ballast.proxy.stats.StatField;
import io.ballast.proxy.stats.StatsRow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.ballast.proxy.cli.Invocation.reply;

/**
 * {@code show servers state [<backend>]}: HAProxy 2.6's server-state file format, version 1, one line per server
 * with its ids (the stats' {@code iid} and {@code sid}), operational and administrative states, weights, and check
 * states with HAProxy's numbers.
 */
final class ServersState {

    private static final String HEADER = "1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state"
            + " srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health"
            + " srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord"
            + " srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n";

    /** HAProxy's {@code HCHK_STATUS_*} numbers for the statuses Ballast reports. */
    private static final Map<String, Integer> STATUS_CODES = Map.ofEntries(Map.entry("UNK", 0), Map.entry("INI", 1),
            Map.entry("HANA", 4), Map.entry("SOCKERR", 5), Map.entry("L4OK", 6), Map.entry("L4TOUT", 7),
            Map.entry("L4CON", 8), Map.entry("L6OK", 9), Map.entry("L6TOUT", 10), Map.entry("L6RSP", 11),
            Map.entry("L7TOUT", 12), Map.entry("L7RSP", 13), Map.entry("L7OK", 15), Map.entry("L7OKC", 16),
            Map.entry("L7STS", 17));

    private final RuntimeTarget target;

    ServersState(RuntimeTarget target) {
        this.target = target;
    }

    Keyword keyword() {
        return new Keyword(List.of("show", "servers", "state"),
                "show servers state [<backend>]          : dump volatile server information (all or for a single"
                        + " backend)",
                this::show);
    }

    private CompletableFuture<String> show(Invocation inv) {
        String only = inv.arg(3);
        List<Backend> backends = target.backends().stream().filter(b -> only.isEmpty() || b.name().equals(only))
                .toList();
        if (backends.isEmpty() && !only.isEmpty()) {
            return reply("Can't find backend.\n");
        }
        Map<String, Long> ids = new HashMap<>();
        for (StatsRow row : target.stats().rows()) {
            ids.put(row.proxyName() + "/" + row.serviceName(), row.number(
                    row.kind() == StatsRow.Kind.SERVER ? StatField.SID : StatField.IID, 0));
        }
        StringBuilder out = new StringBuilder(HEADER);
        for (Backend b : backends) {
            long backendId = ids.getOrDefault(b.name() + "/BACKEND", 0L);
            for (Server s : b.servers()) {
                line(out, backendId, ids.getOrDefault(s.qualifiedName(), 0L), s);
            }
        }
        return reply(out.toString());
    }

    private void line(StringBuilder out, long backendId, long serverId, Server s) {
        HealthChecks checks = target.healthChecks();
        ControlState control = checks.controlState(s);
        CheckReport report = checks.checkReport(s);
        String status = report == null ? "INI" : report.status();
        ServerConfig config = s.config();
        InetEndpoint inet = config.address() instanceof InetEndpoint i ? i : null;
        String host = inet == null || inet.host() == null ? "-" : inet.host();
        boolean named = inet != null && inet.host() != null && !isLiteral(inet.host());
        out.append(backendId).append(' ').append(s.backend().name()).append(' ').append(serverId).append(' ')
                .append(s.name()).append(' ').append(host).append(' ').append(operationalState(s)).append(' ')
                .append(control.adminFlags()).append(' ').append(s.weight()).append(' ').append(config.weight())
                .append(' ').append(s.history().secondsSinceChange()).append(' ')
                .append(STATUS_CODES.getOrDefault(status, 0)).append(' ').append(checkResult(status)).append(' ')
                .append(control.health()).append(' ').append(control.checkFlags()).append(' ')
                .append(control.agentFlags()).append(" 0 0 ").append(named ? inet.host() : "-").append(' ')
                .append(inet == null ? 0 : inet.firstPort()).append(" - 0 ").append(config.checkPort()).append(' ')
                .append(orDash(config.checks().addr())).append(' ').append(orDash(config.checks().agentAddr()))
                .append(' ').append(config.checks().agentPort()).append('\n');
    }

    /** {@code SRV_ST_*}: 0 stopped, 2 running, 3 stopping. */
    private static int operationalState(Server s) {
        return switch (s.state()) {
            case UP, DRAIN -> 2;
            case NOLB -> 3;
            case DOWN, MAINT -> 0;
        };
    }

    /** {@code CHK_RES_*}: 0 unknown, 2 failed, 3 passed, 4 conditionally passed. */
    private static int checkResult(String status) {
        return switch (status) {
            case "UNK", "INI" -> 0;
            case "L4OK", "L6OK", "L7OK" -> 3;
            case "L7OKC" -> 4;
            default -> 2;
        };
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
