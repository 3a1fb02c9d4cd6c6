package io.ballast.health;

import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.server.Server;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks one server periodically on one event loop: its health check (if {@code check}) every
 * {@code inter}/{@code fastinter}/{@code downinter} with the {@code spread-checks} jitter, its agent (if
 * {@code agent-check}) every {@code agent-inter}, and the errors the engine observes on its real traffic. All of
 * them feed its {@link ServerHealth}. Servers in maintenance, or whose checks the runtime API disabled, get no health
 * check, and a result that arrives after that is dropped; the agent keeps running in maintenance, since it may bring
 * the server back.
 */
final class ServerChecker {

    private final Server server;
    private final EventLoop loop;
    private final HealthCheck check;
    private final CheckTiming timing;
    private final HealthCheck agent;
    private final long agentInter;
    private final int spreadPercent;
    private final ServerHealth health;
    private final AtomicInteger consecutiveErrors = new AtomicInteger();

    private volatile boolean closed;
    private ScheduledFuture<?> next;
    private long nextAtNanos;
    private ScheduledFuture<?> nextAgent;
    private boolean checking;
    private int checksRun;

    /**
     * @param check         the health check, or {@code null} when only an agent checks the server
     * @param timing        the health check's timing (also used for {@code fastinter} after observed errors)
     * @param agent         the agent check, or {@code null}
     * @param agentInter    the agent's interval
     * @param spreadPercent {@code spread-checks}
     */
    ServerChecker(Server server, EventLoop loop, HealthCheck check, CheckTiming timing, HealthCheck agent,
                  long agentInter, int spreadPercent, ServerHealth health) {
        this.server = server;
        this.loop = loop;
        this.check = check;
        this.timing = timing;
        this.agent = agent;
        this.agentInter = agentInter;
        this.spreadPercent = spreadPercent;
        this.health = health;
    }

    /** The interval before the first check with a fresh counter, for {@link StartSpread}. */
    long firstInterval() {
        return check != null ? timing.next(health.counter()) : agentInter;
    }

    /** Schedules the first checks after {@code delayMs}. */
    void start(long delayMs) {
        loop.execute(() -> {
            if (check != null) {
                schedule(delayMs);
            }
            if (agent != null) {
                scheduleAgent(delayMs);
            }
        });
    }

    /** The server checked. */
    Server server() {
        return server;
    }

    /** The health its checks feed. */
    ServerHealth health() {
        return health;
    }

    /** The event loop it runs on, which its health must be used from. */
    EventLoop loop() {
        return loop;
    }

    /** Health checks started so far (read on the event loop, or after {@link #close()}). */
    int checksRun() {
        return checksRun;
    }

    /**
     * Counts one outcome observed on real traffic (any thread). After {@code error-limit} consecutive errors,
     * applies {@code on-error} on the event loop and brings the next check forward to {@code fastinter}.
     */
    void observe(ObservedOutcome outcome) {
        ServerCheckSettings settings = server.config().checks();
        if (settings.observe() == ServerCheckSettings.Observe.NONE || closed) {
            return;
        }
        int effect = outcome.effect(settings.observe() == ServerCheckSettings.Observe.LAYER7);
        if (effect == 2) {
            if (consecutiveErrors.get() != 0) {
                consecutiveErrors.set(0);
            }
            return;
        }
        if (effect != 1) {
            return;
        }
        int errors = consecutiveErrors.incrementAndGet();
        if (errors < settings.errorLimit() || !consecutiveErrors.compareAndSet(errors, 0)) {
            return;
        }
        String info = "Detected " + errors + " consecutive errors, last one was: " + outcome.description();
        loop.execute(() -> {
            if (!closed) {
                health.observedErrors(settings.onError(), info);
                expedite(timing.fastinter());
            }
        });
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
            nextAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
            next = loop.schedule(this::tick, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs the next health check within {@code delayMs} unless it is due sooner or running. */
    private void expedite(long delayMs) {
        if (next != null && !checking && nextAtNanos - System.nanoTime() > TimeUnit.MILLISECONDS.toNanos(delayMs)) {
            next.cancel(false);
            schedule(delayMs);
        }
    }

    private void tick() {
        next = null;
        if (closed) {
            return;
        }
        if (!health.checksDue()) {
            schedule(timing.inter());
            return;
        }
        checksRun++;
        checking = true;
        health.checkStarted();
        check.run(this::completed);
    }

    private void completed(CheckResult result) {
        checking = false;
        if (closed) {
            return;
        }
        health.checkResult(result);
        schedule(CheckTiming.jitter(timing.next(health.counter()), spreadPercent,
                ThreadLocalRandom.current().nextDouble()));
    }

    private void scheduleAgent(long delayMs) {
        if (!closed) {
            nextAgent = loop.schedule(this::agentTick, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void agentTick() {
        if (health.agentDue()) {
            agent.run(this::agentCompleted);
        } else {
            scheduleAgent(agentInter); // disabled by the runtime API: look again later
        }
    }

    private void agentCompleted(CheckResult result) {
        if (closed) {
            return;
        }
        if (result.status() == CheckStatus.L7OK) {
            AgentReply reply = AgentReply.parse(result.info());
            if (reply != null) {
                health.agentReply(reply, result);
            }
        }
        scheduleAgent(CheckTiming.jitter(agentInter, spreadPercent, ThreadLocalRandom.current().nextDouble()));
    }

    private void cancel() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
        if (nextAgent != null) {
            nextAgent.cancel(false);
            nextAgent = null;
        }
        if (check != null) {
            check.abort();
        }
        if (agent != null) {
            agent.abort();
        }
    }
}
