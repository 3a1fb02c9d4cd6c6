package io.ballast.health;

import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;

/**
 * One server's health as HAProxy tracks it, and the state it leads to: the rise/fall counter of its checks,
 * what its agent last said (down, drain, maint), the NOLB flag of conditional successes, and errors observed on
 * real traffic. Every input recomputes the state: MAINT, else DOWN when the checks or the agent say so, else DRAIN,
 * else NOLB, else UP; each change is applied to the {@link Server} (which tells the backend and its listeners)
 * and logged in HAProxy's words for its cause. Used on the server's event loop only.
 */
final class ServerHealth {

    private final Server server;
    private final Backend backend;
    private final HealthCounter counter;
    private final StateLog log;

    private boolean agentDown;
    private boolean nolb;
    /** Drained by the agent or, seen as the server's state, by the runtime API; only {@code ready} clears it. */
    private boolean drained;

    /**
     * @param counter the counter of the server's checks, or {@code null} when only an agent checks it
     */
    ServerHealth(Server server, Backend backend, HealthCounter counter, StateLog log) {
        this.server = server;
        this.backend = backend;
        this.counter = counter;
        this.log = log;
    }

    /** The check counter, or {@code null}. */
    HealthCounter counter() {
        return counter;
    }

    /** Applies the result of a health check. Results are dropped while the server is in maintenance. */
    void checkResult(CheckResult result) {
        ServerState before = server.state();
        if (before == ServerState.MAINT) {
            return;
        }
        switch (result.status().verdict()) {
            case FAILED -> counter.failure();
            case PASSED -> {
                counter.success();
                nolb = false;
            }
            case CONDITIONAL -> {
                counter.success();
                if (before == ServerState.DOWN) {
                    return; // HAProxy leaves a DOWN server down on a conditional success
                }
                nolb = true;
            }
        }
        change(result);
    }

    /** Applies what an agent said; {@code result} is the agent check's (status L7OK, the line as info). */
    void agentReply(AgentReply reply, CheckResult result) {
        if (reply.weightPercent() >= 0) {
            int weight = Math.min(256, (int) ((long) server.config().weight() * reply.weightPercent() / 100));
            server.setWeight(weight);
        }
        ServerState before = server.state();
        if (reply.admin() != null) {
            switch (reply.admin()) {
                case "maint" -> {
                    if (before != ServerState.MAINT) {
                        int usable = usable();
                        server.setState(ServerState.MAINT);
                        log.maintenance(server, backend.usableActiveServers(), backend.usableBackupServers());
                        alertIfLast(usable);
                    }
                    return;
                }
                case "drain" -> {
                    drained = true;
                    if (before != ServerState.DRAIN && before != ServerState.DOWN && before != ServerState.MAINT) {
                        int usable = usable();
                        server.setState(ServerState.DRAIN);
                        log.drain(server, backend.usableActiveServers(), backend.usableBackupServers());
                        alertIfLast(usable);
                    }
                }
                default -> leaveAdminStates(before);
            }
        }
        if (reply.health() != null && server.state() != ServerState.MAINT) {
            boolean down = !reply.health().equals("up");
            if (down != agentDown) {
                agentDown = down;
                change(new CheckResult(down ? CheckStatus.L7STS : CheckStatus.L7OK, 0, "via agent : "
                        + reply.health(), result.durationMs()));
            }
        }
    }

    /**
     * Applies {@code on-error} after {@code error-limit} consecutive errors were observed on real traffic
     * ({@code check.c}, {@code __health_adjust}).
     */
    void observedErrors(ServerCheckSettings.OnError action, String info) {
        if (server.state() == ServerState.MAINT || counter == null) {
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
        counter.failure();
        change(new CheckResult(CheckStatus.HANA, 0, info, -1));
    }

    private void leaveAdminStates(ServerState before) {
        drained = false;
        if (before == ServerState.MAINT) {
            if (counter != null) {
                counter.set(counter.rise());
            }
            nolb = false;
            server.setState(wanted());
            log.leftMaintenance(server);
        } else if (before == ServerState.DRAIN) {
            server.setState(wanted());
            log.leftDrain(server);
        }
    }

    /** Moves the server to the state its health calls for, logging the change with {@code cause}. */
    private void change(CheckResult cause) {
        ServerState before = server.state();
        drained |= before == ServerState.DRAIN;
        ServerState after = wanted();
        if (after == before) {
            return;
        }
        int usable = usable();
        server.setState(after);
        int active = backend.usableActiveServers();
        int backup = backend.usableBackupServers();
        switch (after) {
            case DOWN -> log.down(server, cause, active, backup);
            case NOLB -> log.stopping(server, cause, active, backup);
            case UP, DRAIN -> log.up(server, cause, active, backup);
            case MAINT -> throw new IllegalStateException("checks never put a server in maintenance");
        }
        alertIfLast(usable);
    }

    private ServerState wanted() {
        if ((counter != null && !counter.isUp()) || agentDown) {
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
}
