package io.ballast.health;

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
import java.util.Objects;

/**
 * Active health checks of every server configured with {@code check}, as HAProxy runs them: a layer-4
 * connect every {@code inter} (or {@code fastinter} / {@code downinter}), the rise/fall counter of
 * {@code check.c}, and its state-change log lines. Servers without {@code check} are never touched, and
 * servers in maintenance are not checked.
 *
 * <p>The engine hands in the event loops and the channel factories, so that checks use whatever transport
 * it chose. Each server is checked on one loop, taken round-robin from the group; nothing blocks a loop.
 */
public final class HealthChecks implements AutoCloseable {

    private final List<ServerChecker> checkers;

    private HealthChecks(List<ServerChecker> checkers) {
        this.checkers = checkers;
    }

    /**
     * Starts checking the servers of {@code backends} that have {@code check} set. UNIX socket servers are
     * not checked (a warning says so); use the other overload to check them.
     *
     * @param backends          the backends whose servers to check
     * @param loops             the event loops the checks run on
     * @param tcpChannelFactory makes TCP client channels for that group's transport
     * @param log               where state changes are reported
     * @return the running checks; close them to stop
     */
    public static HealthChecks start(Collection<Backend> backends, EventLoopGroup loops,
                                     ChannelFactory<? extends Channel> tcpChannelFactory, EventLog log) {
        return start(backends, loops, tcpChannelFactory, null, log);
    }

    /**
     * Starts checking the servers of {@code backends} that have {@code check} set. Host names are resolved
     * here, once, so call it from a thread that may block, not from an event loop.
     *
     * @param backends           the backends whose servers to check
     * @param loops              the event loops the checks run on
     * @param tcpChannelFactory  makes TCP client channels for that group's transport
     * @param unixChannelFactory makes UNIX domain socket client channels for that group's transport, or
     *                           {@code null} when the transport has none: UNIX socket servers are then not
     *                           checked, and a warning says so
     * @param log                where state changes are reported
     * @return the running checks; close them to stop
     */
    public static HealthChecks start(Collection<Backend> backends, EventLoopGroup loops,
                                     ChannelFactory<? extends Channel> tcpChannelFactory,
                                     ChannelFactory<? extends Channel> unixChannelFactory, EventLog log) {
        Objects.requireNonNull(loops, "loops");
        Objects.requireNonNull(tcpChannelFactory, "tcpChannelFactory");
        StateLog stateLog = new StateLog(Objects.requireNonNull(log, "log"));
        List<ServerChecker> checkers = new ArrayList<>();
        for (Backend backend : backends) {
            Timeouts timeouts = backend.config().timeouts();
            for (Server server : backend.servers()) {
                if (!server.config().check()) {
                    continue;
                }
                CheckTarget target = CheckTarget.of(backend.name(), server.config());
                if (target.problem() != null) {
                    stateLog.warning(target.problem());
                    continue;
                }
                if (target.unix() && unixChannelFactory == null) {
                    stateLog.warning("Server " + server.qualifiedName() + " is not checked: this transport"
                            + " cannot connect to UNIX sockets.");
                    continue;
                }
                EventLoop loop = loops.next();
                CheckTiming timing = CheckTiming.of(server.config(), timeouts);
                HealthCheck check = new ConnectCheck(loop, target.unix() ? unixChannelFactory : tcpChannelFactory,
                        target.address(), !target.unix(), timing.timeout());
                checkers.add(new ServerChecker(server, backend, loop, check, timing, stateLog));
            }
        }
        long[] delays = StartSpread.delays(checkers.stream().map(ServerChecker::firstInterval).toList());
        for (int i = 0; i < checkers.size(); i++) {
            checkers.get(i).start(delays[i]);
        }
        return new HealthChecks(List.copyOf(checkers));
    }

    /** How many servers are being checked. */
    public int checkedServers() {
        return checkers.size();
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
