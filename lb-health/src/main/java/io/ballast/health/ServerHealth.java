package io.ballast.health;

import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;

/**
 * One server's health as HAProxy tracks it, and the state it leads to: the rise/fall counter of its checks,
 * what its agent last said (down, drain, maint), the NOLB flag of conditional successes, errors observed on
 * real traffic, and what the runtime API forced (maintenance, drain, health). Every input recomputes the state:
 * MAINT, else DOWN when the counter or the agent say so, else DRAIN, else NOLB, else UP; each change is applied to
 * the {@link Server} (which tells the backend and its listeners) and logged in HAProxy's words for its cause.
 *
 * <p>Every server has one, checked or not: a server without health check keeps a counter that only the runtime
 * API moves, so that {@code set server health down} holds until {@code health up} or leaving maintenance. Used on
 * the server's event loop only; {@link #report()} and {@link #control()} are snapshots readable from any thread.
 */
final class ServerHealth {

    private static final String FROM_CLI = ", changed from CLI";

    private final Server server;
    private final Backend backend;
    private final HealthCounter counter;
    private final boolean checked;
    private final boolean hasAgent;
    private final StateLog log;

    private boolean maint;
    private boolean agentDown;
    private boolean nolb;
    /** Drained by the agent or the runtime API; only {@code ready} clears it. */
    private boolean drained;
    private boolean checksEnabled;
    private boolean agentEnabled;
    private boolean checking;
    private CheckResult last;
    private long failedChecks;

    private volatile CheckReport report;
    private volatile ControlState control;

    /**
     * @param counter  the rise/fall counter: its health check's, or for a server without one, the one the runtime
     *                 API forces
     * @param checked  whether a health check feeds {@code counter}
     * @param hasAgent whether an agent checks the server
     */
    ServerHealth(Server server, Backend backend, HealthCounter counter, boolean checked, boolean hasAgent,
                 StateLog log) {
        this.server = server;
        this.backend = backend;
        this.counter = counter;
        this.checked = checked;
        this.hasAgent = hasAgent;
        this.log = log;
        // A server carried over by a reload starts from its state: down needs `rise` passed checks, drained stays so.
        ServerState initial = server.state();
        this.maint = initial == ServerState.MAINT;
        if (maint || initial == ServerState.DOWN) {
            counter.set(0); // as HAProxy shows a server in maintenance
        }
        this.drained = initial == ServerState.DRAIN;
        this.checksEnabled = checked;
        this.agentEnabled = hasAgent;
        publish();
    }

    /** The rise/fall counter. */
    HealthCounter counter() {
        return counter;
    }

    /** Whether health checks may run now: configured, enabled, and the server not in maintenance. */
    boolean checksDue() {
        return checksEnabled && !maint;
    }

    /** Whether the agent may run now (it runs in maintenance too, since it may bring the server back). */
    boolean agentDue() {
        return agentEnabled;
    }

    /** Marks a health check as running, for the {@code "* "} of the stats. */
    void checkStarted() {
        checking = true;
        publish();
    }

    /** Applies the result of a health check. Results are dropped while checks are not due. */
    void checkResult(CheckResult result) {
        checking = false;
        if (!checksDue()) {
            publish();
            return;
        }
        last = result;
        ServerState before = server.state();
        switch (result.status().verdict()) {
            case FAILED -> {
                failedChecks++;
                counter.failure();
            }
            case PASSED -> {
                counter.success();
                nolb = false;
            }
            case CONDITIONAL -> {
                counter.success();
                if (before == ServerState.DOWN) {
                    publish();
                    return; // HAProxy leaves a DOWN server down on a conditional success
                }
                nolb = true;
            }
        }
        change(StateLog.reason(result));
    }

    /** Applies what an agent said; {@code result} is the agent check's (status L7OK, the line as info). */
    void agentReply(AgentReply reply, CheckResult result) {
        if (!agentEnabled) {
            return; // an agent check that was under way when the runtime API disabled the agent, as checkResult does
        }
        if (reply.weightPercent() >= 0) {
            int weight = Math.min(256, (int) ((long) server.config().weight() * reply.weightPercent() / 100));
            server.setWeight(weight);
        }
        if (reply.admin() != null) {
            switch (reply.admin()) {
                case "maint" -> {
                    enterMaintenance();
                    publish();
                    return;
                }
                case "drain" -> {
                    if (!maint && server.state() != ServerState.DOWN) {
                        enterDrain();
                    }
                    drained = true;
                }
                default -> leaveAdminStates();
            }
        }
        if (reply.health() != null && !maint) {
            boolean down = !reply.health().equals("up");
            if (down != agentDown) {
                agentDown = down;
                change(StateLog.reason(new CheckResult(down ? CheckStatus.L7STS : CheckStatus.L7OK, 0, "via agent : "
                        + reply.health(), result.durationMs())));
            }
        }
        publish();
    }

    /**
     * Applies {@code on-error} after {@code error-limit} consecutive errors were observed on real traffic
     * ({@code check.c}, {@code __health_adjust}).
     */
    void observedErrors(ServerCheckSettings.OnError action, String info) {
        if (!checked || !checksDue()) {
            return;
        }
        switch (action) {
            case FASTINTER -> {
                return;
            }
            case SUDDEN_DEATH -> {
                if (counter.health() > counter.rise()) {
                    counter.set(counter.rise() + 1);
                }
            }
            case MARK_DOWN -> counter.set(counter.rise());
            case FAIL_CHECK -> {
            }
        }
        failedChecks++;
        counter.failure();
        last = new CheckResult(CheckStatus.HANA, 0, info, -1);
        change(StateLog.reason(last));
    }

    /** The runtime API's {@code set server state ready|drain|maint} (and {@code enable|disable server}). */
    void admin(AdminState target) {
        switch (target) {
            case MAINT -> {
                drained = false;
                enterMaintenance();
            }
            case DRAIN -> {
                if (maint) {
                    drained = true;
                    leaveMaintenance();
                    log.remainsDrained(server);
                } else if (!drained) {
                    enterDrain();
                }
            }
            case READY -> leaveAdminStates();
        }
        publish();
    }

    /** The runtime API's {@code set server health up|stopping|down}. */
    void force(ForcedHealth health) {
        counter.set(health == ForcedHealth.DOWN ? 0 : counter.rise() + counter.fall() - 1);
        if (health != ForcedHealth.DOWN) {
            nolb = health == ForcedHealth.STOPPING;
        }
        change(FROM_CLI);
        publish();
    }

    /** The runtime API's {@code set server agent up|down}; nothing for a server without agent. */
    void forceAgent(boolean up) {
        if (!hasAgent) {
            return;
        }
        agentDown = !up;
        change(FROM_CLI);
        publish();
    }

    /** The runtime API's {@code enable|disable health}. */
    void enableChecks(boolean enabled) {
        checksEnabled = enabled && checked;
        publish();
    }

    /** The runtime API's {@code enable|disable agent}. */
    void enableAgent(boolean enabled) {
        agentEnabled = enabled && hasAgent;
        publish();
    }

    /** What the checks show now, or {@code null} for a server without health check. */
    CheckReport report() {
        return report;
    }

    /** The administrative and check states now. */
    ControlState control() {
        return control;
    }

    private void enterMaintenance() {
        if (maint) {
            return;
        }
        ServerState before = server.state();
        int usable = usable();
        maint = true;
        counter.set(0); // as HAProxy shows a server in maintenance; leaving it starts again from rise
        setState(ServerState.MAINT);
        if (before == ServerState.DOWN) {
            log.downEntersMaintenance(server);
        } else {
            log.maintenance(server, backend.usableActiveServers(), backend.usableBackupServers());
        }
        alertIfLast(usable);
    }

    private void enterDrain() {
        drained = true;
        ServerState before = server.state();
        if (before == ServerState.DRAIN) {
            return;
        }
        int usable = usable();
        setState(wanted());
        log.drain(server, before == ServerState.DOWN, backend.usableActiveServers(), backend.usableBackupServers());
        alertIfLast(usable);
    }

    private void leaveAdminStates() {
        if (maint) {
            drained = false;
            leaveMaintenance();
        } else if (drained) {
            drained = false;
            setState(wanted());
            log.leftDrain(server, server.state() == ServerState.DOWN);
        }
    }

    /** Leaves maintenance as HAProxy does: checks start again from a barely-up counter, the agent's word holds. */
    private void leaveMaintenance() {
        maint = false;
        counter.set(counter.rise());
        nolb = false;
        setState(wanted());
        log.leftMaintenance(server, server.state() == ServerState.DOWN ? "DOWN" : drained ? "UP/DRAIN" : "UP/READY");
    }

    /** Moves the server to the state its health calls for, logging the change with {@code why}. */
    private void change(String why) {
        ServerState before = server.state();
        ServerState after = wanted();
        if (after != before) {
            int usable = usable();
            setState(after);
            int active = backend.usableActiveServers();
            int backup = backend.usableBackupServers();
            switch (after) {
                case DOWN -> log.down(server, why, active, backup);
                case NOLB -> log.stopping(server, why, active, backup);
                case UP, DRAIN -> log.up(server, why, active, backup);
                case MAINT -> throw new IllegalStateException("health never puts a server in maintenance");
            }
            alertIfLast(usable);
        }
        publish();
    }

    /** Moves the server to {@code state}, its snapshots published first so that they are never behind it. */
    private void setState(ServerState state) {
        publish();
        server.setState(state);
    }

    private ServerState wanted() {
        if (maint) {
            return ServerState.MAINT;
        }
        if (!counter.isUp() || agentDown) {
            return ServerState.DOWN;
        }
        if (drained) {
            return ServerState.DRAIN;
        }
        return nolb ? ServerState.NOLB : ServerState.UP;
    }

    private int usable() {
        return backend.usableActiveServers() + backend.usableBackupServers();
    }

    private void alertIfLast(int usableBefore) {
        if (usableBefore > 0 && usable() == 0) {
            log.noServerAvailable(backend.name());
        }
    }

    /** Forgets the failed checks counted so far ({@code clear counters all}). */
    void clearFailedChecks() {
        failedChecks = 0;
        publish();
    }

    /** Publishes the snapshots that other threads read. */
    private void publish() {
        int admin = (server.config().disabled() ? ControlState.CONFIG_MAINT : 0)
                | (maint ? ControlState.FORCED_MAINT : 0) | (drained ? ControlState.FORCED_DRAIN : 0);
        int checkFlags = checked
                ? 0x02 | (checking ? 0x01 : 0) | (checksEnabled ? ControlState.ENABLED | (maint ? 0x08 : 0) : 0) : 0;
        int agentFlags = hasAgent ? 0x12 | (agentEnabled ? ControlState.ENABLED : 0) : 0;
        control = new ControlState(admin, counter.health(), checkFlags, agentFlags);
        if (checked) {
            report = last == null
                    ? new CheckReport("INI", 0, -1, "Initializing", null, checking, failedChecks, counter.rise(),
                    counter.fall(), counter.health(), checksEnabled)
                    : new CheckReport(last.status().name(), last.status().hasCode() ? last.code() : 0,
                    last.durationMs(), last.status().reason(), last.info(), checking, failedChecks, counter.rise(),
                    counter.fall(), counter.health(), checksEnabled);
        }
    }
}
