package io.ballast.proxy;

import io.ballast.core.server.Server;
import io.ballast.health.AdminState;
import io.ballast.health.ControlState;
import io.ballast.health.ForcedHealth;
import io.ballast.health.HealthChecks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The stats page's admin actions carried out through the health checks' admin API, as the runtime API's
 * {@code set server} commands are: admin states ({@code ready}, {@code drain}, {@code maint}), forced health
 * ({@code hrunn}, {@code hnolb}, {@code hdown}), checks and agent turned off and on, forced agent results. As in
 * HAProxy, check and agent actions only act on servers that have them. Each change is applied on the server's own
 * event loop; the caller does not wait for it.
 */
final class HealthChecksServerAdmin implements ServerAdmin {

    /** One action of the form: which servers it applies to and what it does. */
    private record Action(Predicate<ControlState> appliesTo, BiConsumer<HealthChecks, Server> run) {
    }

    private static final Map<String, Action> ACTIONS = new LinkedHashMap<>();
    /** The actions' labels on the page, by form value. */
    private static final Map<String, String> LABELS = new LinkedHashMap<>();

    static {
        Predicate<ControlState> any = s -> true;
        Predicate<ControlState> checked = ControlState::hasHealthCheck;
        Predicate<ControlState> agent = ControlState::hasAgent;
        action("ready", "Set state to READY", any, (h, s) -> h.setAdminState(s, AdminState.READY));
        action("drain", "Set state to DRAIN", any, (h, s) -> h.setAdminState(s, AdminState.DRAIN));
        action("maint", "Set state to MAINT", any, (h, s) -> h.setAdminState(s, AdminState.MAINT));
        action("dhlth", "Health: disable checks", checked, (h, s) -> h.enableHealthCheck(s, false));
        action("ehlth", "Health: enable checks", checked, (h, s) -> h.enableHealthCheck(s, true));
        action("hrunn", "Health: force UP", checked, (h, s) -> h.forceHealth(s, ForcedHealth.UP));
        action("hnolb", "Health: force NOLB", checked, (h, s) -> h.forceHealth(s, ForcedHealth.STOPPING));
        action("hdown", "Health: force DOWN", checked, (h, s) -> h.forceHealth(s, ForcedHealth.DOWN));
        action("dagent", "Agent: disable checks", agent, (h, s) -> h.enableAgent(s, false));
        action("eagent", "Agent: enable checks", agent, (h, s) -> h.enableAgent(s, true));
        action("arunn", "Agent: force UP", agent, (h, s) -> h.forceAgent(s, true));
        action("adown", "Agent: force DOWN", agent, (h, s) -> h.forceAgent(s, false));
    }

    private static void action(String value, String label, Predicate<ControlState> appliesTo,
                               BiConsumer<HealthChecks, Server> run) {
        ACTIONS.put(value, new Action(appliesTo, run));
        LABELS.put(value, label);
    }

    private final HealthChecks checks;

    HealthChecksServerAdmin(HealthChecks checks) {
        this.checks = checks;
    }

    @Override
    public Map<String, String> actions() {
        return Collections.unmodifiableMap(LABELS);
    }

    @Override
    public boolean apply(Server server, String action) {
        Action a = ACTIONS.get(action);
        if (a == null || !a.appliesTo().test(checks.controlState(server))) {
            return false;
        }
        a.run().accept(checks, server);
        return true;
    }
}
