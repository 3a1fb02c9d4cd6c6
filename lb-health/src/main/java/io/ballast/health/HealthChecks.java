package io.ballast.health;

import io.ballast.core.config.GlobalConfig;
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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Health checks of every server configured with {@code check} or {@code agent-check}, as HAProxy runs them:
 * the backend's check method (a layer-4 connect, {@code option httpchk}, {@code option tcp-check},
 * {@code option redis-check}) every {@code inter} (or {@code fastinter} / {@code downinter}), the rise/fall counter
 * of {@code check.c}, agents, passive observation of real traffic ({@link #reportOutcome}), the UP / DOWN / NOLB /
 * DRAIN / MAINT states and HAProxy's state-change log lines. Servers without {@code check} nor {@code agent-check}
 * are never touched, and servers in maintenance get no health check.
 *
 * <p>The engine hands in the event loops and the channel factories, so that checks use whatever transport
 * it chose. Each server is checked on one loop, taken round-robin from the group; nothing blocks a loop. First
 * checks are spread over the shortest interval as HAProxy's {@code start_checks()} spreads them.
 */
public final class HealthChecks implements AutoCloseable {

    private final List<ServerChecker> checkers;
    private final Map<Server, ServerChecker> byServer = new IdentityHashMap<>();

    private HealthChecks(List<ServerChecker> checkers) {
        this.checkers = checkers;
        for (ServerChecker c : checkers) {
            byServer.put(c.server(), c);
        }
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
        List<ServerChecker> checkers = new ArrayList<>();
        for (Backend backend : backends) {
            Dialogue dialogue = Dialogues.of(backend.config().healthCheck());
            for (Server server : backend.servers()) {
                ServerChecker checker = checker(backend, server, dialogue, loops, tcpChannelFactory,
                        unixChannelFactory, stateLog, global.spreadChecks());
                if (checker != null) {
                    checkers.add(checker);
                }
            }
        }
        long[] delays = StartSpread.delays(checkers.stream().map(ServerChecker::firstInterval).toList(),
                global.spreadChecks(), global.maxSpreadChecks(), ThreadLocalRandom.current()::nextDouble);
        for (int i = 0; i < checkers.size(); i++) {
            checkers.get(i).start(delays[i]);
        }
        return new HealthChecks(List.copyOf(checkers));
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
                        ? new ConnectCheck(loop, factory, target.address(), !target.unix(), timing.timeout())
                        : new DialogueCheck(loop, factory, !target.unix(), target.address(), timing, dialogue);
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
                        timeouts), agentDialogue(config.checks().agentSend()));
            }
        }
        if (check == null && agent == null) {
            return null;
        }
        HealthCounter counter = check == null ? null : new HealthCounter(config.rise() > 0 ? config.rise() : 2,
                config.fall() > 0 ? config.fall() : 3);
        return new ServerChecker(server, loop, check, timing, agent, agentInter, spread,
                new ServerHealth(server, backend, counter, log));
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
     * Stops all checks and closes their connections. Once it returns no server changes state because of
     * a check. Does not shut the event loops down: they belong to the caller.
     */
    @Override
    public void close() {
        for (ServerChecker checker : checkers) {
            checker.close();
        }
    }

    List<ServerChecker> checkers() {
        return checkers;
    }
}
