package io.ballast.health;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * Checks one server periodically on one event loop, feeds the results to its {@link HealthCounter} and
 * moves the server UP or DOWN when the verdict changes. Servers in maintenance are not checked, and a
 * result that arrives after the server entered maintenance is dropped.
 */
final class ServerChecker {

    private final Server server;
    private final Backend backend;
    private final EventLoop loop;
    private final HealthCheck check;
    private final CheckTiming timing;
    private final HealthCounter counter;
    private final StateLog log;

    private volatile boolean closed;
    private ScheduledFuture<?> next;
    private int checksRun;

    ServerChecker(Server server, Backend backend, EventLoop loop, HealthCheck check, CheckTiming timing,
                  StateLog log) {
        this.server = server;
        this.backend = backend;
        this.loop = loop;
        this.check = check;
        this.timing = timing;
        this.counter = new HealthCounter(server.config().rise() > 0 ? server.config().rise() : 2,
                server.config().fall() > 0 ? server.config().fall() : 3);
        this.log = log;
    }

    /** The interval before the first check with a fresh counter, for {@link StartSpread}. */
    long firstInterval() {
        return timing.next(counter);
    }

    /** Schedules the first check after {@code delayMs}. */
    void start(long delayMs) {
        loop.execute(() -> schedule(delayMs));
    }

    /** The server checked. */
    Server server() {
        return server;
    }

    /** Checks started so far (read on the event loop, or after {@link #close()}). */
    int checksRun() {
        return checksRun;
    }

    /**
     * Stops checking. When this returns (from any thread but a busy loop's), no check runs and no state
     * changes any more.
     */
    void close() {
        closed = true;
        if (loop.inEventLoop()) {
            cancel();
        } else if (!loop.isShuttingDown()) {
            Future<?> f = loop.submit(this::cancel);
            f.awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    private void schedule(long delayMs) {
        if (!closed) {
            next = loop.schedule(this::tick, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        if (closed) {
            return;
        }
        if (server.state() == ServerState.MAINT) {
            schedule(timing.inter());
            return;
        }
        checksRun++;
        check.run(this::completed);
    }

    private void completed(CheckResult result) {
        if (closed) {
            return;
        }
        apply(result);
        schedule(timing.next(counter));
    }

    private void apply(CheckResult result) {
        if (server.state() == ServerState.MAINT) {
            return;
        }
        if (result.passed()) {
            counter.success();
        } else {
            counter.failure();
        }
        ServerState wanted = counter.isUp() ? ServerState.UP : ServerState.DOWN;
        if (server.state() == wanted) {
            return;
        }
        int usableBefore = backend.usableActiveServers() + backend.usableBackupServers();
        server.setState(wanted);
        int active = backend.usableActiveServers();
        int backup = backend.usableBackupServers();
        if (wanted == ServerState.UP) {
            log.up(server, result, active, backup);
        } else {
            log.down(server, result, active, backup);
            if (usableBefore > 0 && active + backup == 0) {
                log.noServerAvailable(backend.name());
            }
        }
    }

    private void cancel() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        check.abort();
    }
}
