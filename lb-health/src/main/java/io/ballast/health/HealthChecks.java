package io.ballast.health;

import io.ballast.core.config.GlobalConfig;
import io.ballast.core.config.SendProxy;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.Timeouts;
import io.ballast.core.log.EventLog;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Health checks of every server configured with {@code check} or {@code agent-check}, as HAProxy runs them:
 * the backend's check method (a layer-4 connect, {@code option httpchk}, {@code option tcp-check},
 * {@code option redis-check}) every {@code inter} (or {@code fastinter} / {@code downinter}), the rise/fall counter
 * of {@code check.c}, agents, passive observation of real traffic ({@link #reportOutcome}), the UP / DOWN / NOLB /
 * DRAIN / MAINT states and HAProxy's state-change log lines. Servers without {@code check} nor {@code agent-check}
 * are never checked, and servers in maintenance get no health check.
 *
 * <p>It is also what the runtime API acts through ({@link #setAdminState}, {@link #forceHealth},
 * {@link #enableHealthCheck}…) and reads ({@link #checkReport}, {@link #controlState}), for every server of the
 * backends, checked or not, so that forced states and check results combine as in HAProxy: maintenance stops the
 * checks, and leaving it goes back to what they say. Changes run on the server's event loop; the returned futures
 * complete once they are applied and logged.
 *
 * <p>The engine hands in the event loops and the channel factories, so that checks use whatever transport
 * it chose. Each server is checked on one loop, taken round-robin from the group; nothing blocks a loop. First
 * checks are spread over the shortest interval as HAProxy's {@code start_checks()} spreads them.
 */
public final class HealthChecks implements AutoCloseable {

    /** The checkers running; servers added and removed at run time change it. */
    private final List<ServerChecker> checkers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<Server, ServerChecker> byServer = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every server's health, checked or not, and the loop it is used on. */
    private final Map<Server, Controlled> controls = new java.util.concurrent.ConcurrentHashMap<>();
    private final Setup setup;
    private volatile boolean closed;

    /** A server's health and the event loop that may use it. */
    private record Controlled(ServerHealth health, EventLoop loop) {
    }

    /** What making a server's checks takes: the loops, the transport's channels, the log, {@code spread-checks}. */
    private record Setup(EventLoopGroup loops, ChannelFactory<? extends Channel> tcp,
                         ChannelFactory<? extends Channel> unix, StateLog log, int spread) {
    }

    private HealthChecks(Setup setup) {
        this.setup = setup;
    }

    /** Makes the health of {@code server} and, when it has checks, its checker (not started). */
    private ServerChecker control(Backend backend, Server server, Dialogue dialogue) {
        ServerChecker checker = checker(backend, server, dialogue, setup.loops(), setup.tcp(), setup.unix(),
                setup.log(), setup.spread());
        if (checker != null) {
            checkers.add(checker);
            byServer.put(server, checker);
            controls.put(server, new Controlled(checker.health(), checker.loop()));
        } else {
            controls.put(server, new Controlled(new ServerHealth(server, backend, counter(server.config()), false,
                    false, setup.log()), setup.loops().next()));
        }
        return checker;
    }

    /**
     * Takes a server added at run time ({@code add server}) into account: it gets its health, and its checks if it
     * has some, which start disabled as HAProxy's dynamic servers' do ({@code enable health}, {@code enable agent}).
     */
    public void add(Backend backend, Server server) {
        ServerChecker checker = control(backend, server, Dialogues.of(backend.config().healthCheck()));
        if (checker != null) {
            checker.start(checker.firstInterval());
            enableHealthCheck(server, false);
            enableAgent(server, false);
        }
    }

    /**
     * Checks {@code server} at the address the runtime API gave it ({@code set server addr}): its checker is made
     * again, from the state the server is in, with checks and agent enabled or not as they were.
     */
    public void readdressed(Backend backend, Server server) {
        Controlled before = controls.get(server);
        if (before == null) {
            return;
        }
        ControlState state = before.health().control();
        remove(server);
        ServerChecker checker = control(backend, server, Dialogues.of(backend.config().healthCheck()));
        if (checker != null) {
            checker.start(checker.firstInterval());
            enableHealthCheck(server, state.healthCheckEnabled());
            enableAgent(server, state.agentEnabled());
        }
    }

    /** Stops checking a server removed at run time ({@code del server}). */
    public void remove(Server server) {
        ServerChecker checker = byServer.remove(server);
        if (checker != null) {
            checkers.remove(checker);
            checker.close();
        }
        controls.remove(server);
    }

    /**
     * Starts checking the servers of {@code backends}, without {@code spread-checks} and without checking UNIX
     * socket servers (a warning says so).
     *
     * @param backends          the backends whose servers to check
     * @param loops             the event loops the checks run on
     * @param tcpChannelFactory makes TCP client channels for that group's transport
     * @param log               where state changes are reported
     * @return the running checks; close them to stop
     */
    public static HealthChecks start(Collection<Backend> backends, EventLoopGroup loops,
                                     ChannelFactory<? extends Channel> tcpChannelFactory, EventLog log) {
        return start(backends, loops, tcpChannelFactory, null, log, GlobalConfig.DEFAULTS);
    }

    /**
     * Starts checking the servers of {@code backends}, without {@code spread-checks}.
     *
     * @see #start(Collection, EventLoopGroup, ChannelFactory, ChannelFactory, EventLog, GlobalConfig)
     */
    public static HealthChecks start(Collection<Backend> backends, EventLoopGroup loops,
                                     ChannelFactory<? extends Channel> tcpChannelFactory,
                                     ChannelFactory<? extends Channel> unixChannelFactory, EventLog log) {
        return start(backends, loops, tcpChannelFactory, unixChannelFactory, log, GlobalConfig.DEFAULTS);
    }

    /**
     * Starts checking the servers of {@code backends} that have {@code check} or {@code agent-check} set. Host
     * names are resolved here, once, so call it from a thread that may block, not from an event loop.
     *
     * @param backends           the backends whose servers to check
     * @param loops              the event loops the checks run on
     * @param tcpChannelFactory  makes TCP client channels for that group's transport
     * @param unixChannelFactory makes UNIX domain socket client channels for that group's transport, or
     *                           {@code null} when the transport has none: UNIX socket servers are then not
     *                           checked, and a warning says so
     * @param log                where state changes are reported
     * @param global             the {@code global} section, for {@code spread-checks} and {@code max-spread-checks}
     * @return the running checks; close them to stop
     */
    public static HealthChecks start(Collection<Backend> backends, EventLoopGroup loops,
                                     ChannelFactory<? extends Channel> tcpChannelFactory,
                                     ChannelFactory<? extends Channel> unixChannelFactory, EventLog log,
                                     GlobalConfig global) {
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(tcpChannelFactory, "tcpChannelFactory");
        StateLog stateLog = new StateLog(Objects.requireNonNull(log, "log"));
        HealthChecks checks = new HealthChecks(new Setup(loops, tcpChannelFactory, unixChannelFactory, stateLog,
                global.spreadChecks()));
        List<ServerChecker> started = new ArrayList<>();
        for (Backend backend : backends) {
            Dialogue dialogue = Dialogues.of(backend.config().healthCheck());
            for (Server server : backend.servers()) {
                ServerChecker checker = checks.control(backend, server, dialogue);
                if (checker != null) {
                    started.add(checker);
                }
            }
        }
        long[] delays = StartSpread.delays(started.stream().map(ServerChecker::firstInterval).toList(),
                global.spreadChecks(), global.maxSpreadChecks(), ThreadLocalRandom.current()::nextDouble);
        for (int i = 0; i < started.size(); i++) {
            started.get(i).start(delays[i]);
        }
        return checks;
    }

    private static HealthCounter counter(ServerConfig config) {
        return new HealthCounter(config.rise() > 0 ? config.rise() : 2, config.fall() > 0 ? config.fall() : 3);
    }

    private static ServerChecker checker(Backend backend, Server server, Dialogue dialogue, EventLoopGroup loops,
                                         ChannelFactory<? extends Channel> tcp, ChannelFactory<? extends Channel> unix,
                                         StateLog log, int spread) {
        ServerConfig config = server.config();
        Timeouts timeouts = backend.config().timeouts();
        EventLoop loop = loops.next();
        HealthCheck check = null;
        CheckTiming timing = CheckTiming.of(config, timeouts);
        if (config.check()) {
            CheckTarget target = CheckTarget.of(backend.name(), config);
            if (target.problem() != null) {
                log.warning(target.problem());
            } else if (target.unix() && unix == null) {
                log.warning("Server " + server.qualifiedName() + " is not checked: this transport"
                        + " cannot connect to UNIX sockets.");
            } else {
                ChannelFactory<? extends Channel> factory = target.unix() ? unix : tcp;
                check = dialogue == null
                        ? new ConnectCheck(loop, factory, target.address(), !target.unix(), timing.timeout(),
                                config.checkProxyHeader())
                        : new DialogueCheck(loop, factory, !target.unix(), target.address(), timing, dialogue,
                                config.checkProxyHeader());
            }
        }
        HealthCheck agent = null;
        long agentInter = config.checks().agentInter() > 0 ? config.checks().agentInter() : timing.inter();
        if (config.checks().agentCheck()) {
            CheckTarget target = CheckTarget.agent(backend.name(), config);
            if (target.problem() != null) {
                log.warning(target.problem());
            } else {
                agent = new DialogueCheck(loop, tcp, true, target.address(), CheckTiming.of(agentInter, config,
                        timeouts), agentDialogue(config.checks().agentSend()), SendProxy.NONE);
            }
        }
        if (check == null && agent == null) {
            return null;
        }
        return new ServerChecker(server, loop, check, timing, agent, agentInter, spread,
                new ServerHealth(server, backend, counter(config), check != null, agent != null, log));
    }

    private static Dialogue agentDialogue(String send) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.Connect(0, 0, null));
        if (send != null && !send.isEmpty()) {
            steps.add(new Step.Send(1, send.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        steps.add(new Step.Expect(steps.size(), new AgentLineExpectation(), null));
        return new Dialogue(Dialogue.Kind.PROTOCOL, steps);
    }

    /** How many servers are being checked (by a health check, an agent, or both). */
    public int checkedServers() {
        return checkers.size();
    }

    /**
     * Reports the outcome of one exchange of real traffic with {@code server}, for {@code observe layer4|layer7}.
     * The proxy engine calls it from any thread: {@link ObservedOutcome#L4_OK} or {@link ObservedOutcome#L4_ERROR}
     * for each connection attempt, then {@link ObservedOutcome#ofStatus(int)} for each HTTP response (or an
     * {@code HTTP_*} error when there was none). It does nothing, cheaply, for servers that are not observed or not
     * checked. {@code error-limit} consecutive errors trigger {@code on-error}.
     */
    public void reportOutcome(Server server, ObservedOutcome outcome) {
        ServerChecker checker = byServer.get(server);
        if (checker != null) {
            checker.observe(outcome);
        }
    }

    /**
     * What {@code server}'s health checks show now, for the stats.
     *
     * @return the report, or {@code null} when the server has no health check (the stats then say {@code no check})
     * @throws IllegalArgumentException when the server is not one of the checked backends'
     */
    public CheckReport checkReport(Server server) {
        return control(server).health().report();
    }

    /**
     * {@code server}'s administrative and check states now, as {@code show servers state} shows them.
     *
     * @throws IllegalArgumentException when the server is not one of the checked backends'
     */
    public ControlState controlState(Server server) {
        return control(server).health().control();
    }

    /**
     * Puts {@code server} in {@code state}, with HAProxy's log line for the change ({@code set server state}):
     * {@code maint} leaves drain, {@code drain} leaves maintenance, {@code ready} leaves both and goes back to what
     * the checks say, starting them again from a barely-up counter as HAProxy does.
     *
     * @return completes once the change is applied and logged
     */
    public CompletableFuture<Void> setAdminState(Server server, AdminState state) {
        Objects.requireNonNull(state, "state");
        return apply(server, health -> health.admin(state));
    }

    /**
     * Forces {@code server}'s health as if its checks said so ({@code set server health}), logged as
     * {@code changed from CLI}; the next check results apply as usual. A server without health check keeps it.
     *
     * @return completes once the change is applied and logged
     */
    public CompletableFuture<Void> forceHealth(Server server, ForcedHealth health) {
        Objects.requireNonNull(health, "health");
        return apply(server, h -> h.force(health));
    }

    /**
     * Forces what {@code server}'s agent says ({@code set server agent up|down}); the next agent reply applies as
     * usual. Only for a server with an agent ({@link ControlState#hasAgent()}).
     *
     * @return completes once the change is applied and logged
     */
    public CompletableFuture<Void> forceAgent(Server server, boolean up) {
        return apply(server, h -> h.forceAgent(up));
    }

    /**
     * Resumes or suspends {@code server}'s health checks ({@code enable|disable health}); its state stays what it
     * is until a check runs again. Enabling does nothing to a server without health check.
     *
     * @return completes once the change is applied
     */
    public CompletableFuture<Void> enableHealthCheck(Server server, boolean enabled) {
        return apply(server, h -> h.enableChecks(enabled));
    }

    /**
     * Resumes or suspends {@code server}'s agent ({@code enable|disable agent}). Enabling does nothing to a server
     * without agent.
     *
     * @return completes once the change is applied
     */
    public CompletableFuture<Void> enableAgent(Server server, boolean enabled) {
        return apply(server, h -> h.enableAgent(enabled));
    }

    /** Runs {@code action} on the server's loop; the future fails once the checks are closed. */
    private CompletableFuture<Void> apply(Server server, Consumer<ServerHealth> action) {
        Controlled control = control(server);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the health checks are stopped"));
            return done;
        }
        try {
            control.loop().execute(() -> {
                try {
                    action.accept(control.health());
                    done.complete(null);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private Controlled control(Server server) {
        Controlled control = controls.get(Objects.requireNonNull(server, "server"));
        if (control == null) {
            throw new IllegalArgumentException("server " + server.qualifiedName() + " is not one of these backends'");
        }
        return control;
    }

    /**
     * Resets the failed-check counts ({@code chkfail}), as the runtime API's {@code clear counters all} does; each on
     * its server's event loop, soon after this returns.
     */
    public void clearFailedChecks() {
        for (Controlled c : controls.values()) {
            c.loop().execute(c.health()::clearFailedChecks);
        }
    }

    /**
     * Stops all checks and closes their connections. Once it returns no server changes state because of
     * a check, and the runtime API's changes fail. Does not shut the event loops down: they belong to the caller.
     */
    @Override
    public void close() {
        closed = true;
        for (ServerChecker checker : checkers) {
            checker.close();
        }
    }

    List<ServerChecker> checkers() {
        return checkers;
    }
}
