package io.ballast.proxy;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.proxy.stats.StatField;
import io.ballast.proxy.stats.StatsRow;
import io.ballast.proxy.stats.StatsSource;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The stats page's admin form as HAProxy's page posts it, {@code s=<server>&...&action=<action>&b=<backend>} (the
 * backend as {@code #<id>} or by name), carried out through a {@link ServerAdmin}, with HAProxy's result codes:
 * {@code DONE} when every server named was acted on, {@code PART} when some were, {@code ERRP} when none was or a
 * parameter is wrong (unknown backend, empty or unknown action), {@code NONE} when nothing was asked.
 */
final class StatsAdminForm {

    private StatsAdminForm() {
    }

    /** Carries out the form {@code body} (URL-encoded) and returns the result code. */
    static String apply(String body, RuleContext ctx) {
        String backendName = null;
        String action = null;
        List<String> servers = new ArrayList<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value;
            try {
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "ERRP";
            }
            switch (pair.substring(0, eq)) {
                case "b" -> backendName = value;
                case "action" -> action = value;
                case "s" -> servers.add(value);
                default -> { }
            }
        }
        if (backendName == null || action == null) {
            return "NONE";
        }
        Backend backend = ctx.backend(backendName.startsWith("#") ? nameOf(backendName.substring(1), ctx)
                : backendName);
        ServerAdmin admin = ctx.serverAdmin();
        if (backend == null || !admin.actions().containsKey(action)) {
            return "ERRP";
        }
        int altered = 0;
        for (String name : servers) {
            Server server = backend.server(name);
            if (server != null && admin.apply(server, action)) {
                altered++;
            }
        }
        return servers.isEmpty() ? "NONE" : altered == 0 ? "ERRP" : altered == servers.size() ? "DONE" : "PART";
    }

    /** The name of the backend whose {@code iid} is {@code id}, or {@code null}. */
    private static String nameOf(String id, RuleContext ctx) {
        StatsSource stats = ctx.statistics();
        if (stats == null) {
            return null;
        }
        for (StatsRow row : stats.rows()) {
            if (row.kind() == StatsRow.Kind.BACKEND && row.text(StatField.IID).equals(id)) {
                return row.proxyName();
            }
        }
        return null;
    }
}
