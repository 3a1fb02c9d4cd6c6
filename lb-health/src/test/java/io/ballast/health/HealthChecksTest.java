package io.ballast.health;

import io.ballast.core.config.HealthCheckConfig;
import io.ballast.core.config.HttpReuse;
import io.ballast.core.config.RetryOn;
import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.balance.BalanceAlgorithms;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.Endpoint;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.config.Timeouts;
import io.ballast.core.config.UnixEndpoint;
import io.ballast.core.log.EventLog.Level;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.ballast.health.CapturingEventLog.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health checks against real sockets on 127.0.0.1. */
class HealthChecksTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static EventLoopGroup loops;

    private final CapturingEventLog log = new CapturingEventLog();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void startLoops() {
        loops = new NioEventLoopGroup(2);
    }

    @AfterAll
    static void stopLoops() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    // ---- helpers ----

    private static ServerConfig server(String name, int port, boolean check, boolean disabled, int checkPort,
                                       int rise, int fall) {
        return server(name, new InetEndpoint("127.0.0.1:" + port, "127.0.0.1", InetEndpoint.AddressFamily.IPV4,
                port, port), check, disabled, checkPort, rise, fall, false);
    }

    private static ServerConfig server(String name, Endpoint address, boolean check, boolean disabled,
                                       int checkPort, int rise, int fall, boolean backup) {
        return new ServerConfig(name, address, 1, backup, disabled, 0, check, checkPort, 100, 0, 0, rise, fall,
                new SourceLocation("test.cfg", 1), ServerCheckSettings.DEFAULTS);
    }

    private static Backend backend(String name, Timeouts timeouts, ServerConfig... servers) {
        BackendConfig config = new BackendConfig(name, ProxyMode.HTTP, BalanceSpec.ROUND_ROBIN, List.of(servers),
                timeouts, 3, null, HttpConnectionMode.KEEP_ALIVE, Map.of(), List.of(), new SourceLocation("test.cfg", 1), HealthCheckConfig.CONNECT, HttpReuse.SAFE, 0, RetryOn.DEFAULT);
        return new Backend(config, BalanceAlgorithms.create(BalanceSpec.ROUND_ROBIN));
    }

    private HealthChecks start(Backend... backends) {
        HealthChecks checks = HealthChecks.start(List.of(backends), loops, NioSocketChannel::new, log);
        cleanup.add(checks);
        return checks;
    }

    private Listener listen(int port) throws IOException {
        Listener l = new Listener(port);
        cleanup.add(l);
        return l;
    }

    private static void awaitState(Server s, ServerState state) {
        await(() -> s.state() == state, WAIT, s.qualifiedName() + " to be " + state);
    }

    // ---- tests ----

    @Test
    void closedPortGoesDownAtFirstCheckThenUpAfterRiseSuccesses() throws IOException {
        Listener live = listen(0);
        int port = Listener.freePort();
        Backend be = backend("be_web", Timeouts.NONE,
                server("s1", live.port(), true, false, 0, 2, 3),
                server("s2", live.port(), true, false, 0, 2, 3),
                server("s3", port, true, false, 0, 3, 2));
        Server s3 = be.server("s3");
        start(be);

        CapturingEventLog.Event down = log.await("s3 is DOWN", WAIT);
        assertEquals(Level.WARNING, down.level());
        assertEquals("Server be_web/s3 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\","
                + " check duration: Nms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued,"
                + " 0 remaining in queue.", down.normalized());
        assertEquals(ServerState.DOWN, s3.state());
        for (int i = 0; i < 20; i++) {
            assertTrue(be.pick(null) != s3, "a DOWN server must not be picked");
        }

        long opened = System.nanoTime();
        listen(port);
        CapturingEventLog.Event up = log.await("s3 is UP", WAIT);
        long risingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
        assertTrue(risingMs >= 190, "rise=3 takes 3 checks 100ms apart, not " + risingMs + "ms");
        assertEquals(Level.WARNING, up.level());
        assertEquals("Server be_web/s3 is UP, reason: Layer4 check passed, check duration: Nms. 3 active and 0"
                + " backup servers online. 0 sessions requeued, 0 total in queue.", up.normalized());
        assertEquals(ServerState.UP, s3.state());
        boolean picked = false;
        for (int i = 0; i < 6; i++) {
            picked |= be.pick(null) == s3;
        }
        assertTrue(picked, "an UP server is picked again");
        assertEquals(2, log.events.size(), () -> "unexpected events " + log.events);
    }

    @Test
    void liveServerStaysUp() throws IOException {
        Listener live = listen(0);
        Backend be = backend("be_web", Timeouts.NONE, server("s1", live.port(), true, false, 0, 2, 3));
        start(be);
        await(() -> live.accepted.get() >= 5, WAIT, "5 checks");
        assertEquals(ServerState.UP, be.server("s1").state());
        assertTrue(log.events.isEmpty(), () -> "unexpected events " + log.events);
    }

    @Test
    void checkPortIsUsedInsteadOfTheServicePort() throws IOException {
        Listener checkPort = listen(0);
        int closed = Listener.freePort();
        Backend be = backend("be_web", Timeouts.NONE, server("s1", closed, true, false, checkPort.port(), 2, 3));
        start(be);
        await(() -> checkPort.accepted.get() >= 3, WAIT, "3 checks on the check port");
        assertEquals(ServerState.UP, be.server("s1").state());
        assertTrue(log.events.isEmpty(), () -> "unexpected events " + log.events);
    }

    @Test
    void disabledAndUncheckedServersAreNeverChecked() throws IOException {
        Listener live = listen(0);
        Listener disabled = listen(0);
        int closed = Listener.freePort();
        Backend be = backend("be_web", Timeouts.NONE,
                server("live", live.port(), true, false, 0, 2, 3),
                server("maint", disabled.port(), true, true, 0, 2, 3),
                server("nocheck", closed, false, false, 0, 2, 3));
        HealthChecks checks = start(be);
        assertEquals(2, checks.checkedServers());
        await(() -> live.accepted.get() >= 6, WAIT, "6 checks of the live server");
        assertEquals(0, disabled.accepted.get());
        assertEquals(ServerState.MAINT, be.server("maint").state());
        assertEquals(ServerState.UP, be.server("nocheck").state());
        assertTrue(log.events.isEmpty(), () -> "unexpected events " + log.events);
    }

    @Test
    void lastServerDownRaisesAnAlert() throws IOException {
        Backend be = backend("be_solo", Timeouts.NONE,
                server("only", Listener.freePort(), true, false, 0, 2, 3));
        start(be);
        CapturingEventLog.Event alert = log.await("has no server available", WAIT);
        assertEquals(Level.ALERT, alert.level());
        assertEquals("backend 'be_solo' has no server available!", alert.message());
        assertEquals("Server be_solo/only is DOWN, reason: Layer4 connection problem, info: \"Connection refused\","
                + " check duration: Nms. 0 active and 0 backup servers left. 0 sessions active, 0 requeued,"
                + " 0 remaining in queue.", log.events.get(0).normalized());
        assertNull(be.pick(null));
    }

    @Test
    void backupServersAreCountedAndKeepTheBackendAvailable() throws IOException {
        Listener live = listen(0);
        Backend be = backend("be_web", Timeouts.NONE,
                server("s1", new InetEndpoint("x", "127.0.0.1", InetEndpoint.AddressFamily.IPV4,
                        Listener.freePort(), 0), true, false, 0, 2, 3, false),
                server("bk", new InetEndpoint("x", "127.0.0.1", InetEndpoint.AddressFamily.IPV4,
                        live.port(), 0), true, false, 0, 2, 3, true));
        start(be);
        assertEquals("Server be_web/s1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\","
                + " check duration: Nms. 0 active and 1 backup servers left. 0 sessions active, 0 requeued,"
                + " 0 remaining in queue.", log.await("s1 is DOWN", WAIT).normalized());
        await(() -> live.accepted.get() >= 3, WAIT, "3 checks of the backup");
        assertNull(log.find("no server available"));
        assertEquals(be.server("bk"), be.pick(null));
    }

    @Test
    void unansweredConnectTimesOutAfterInter() throws IOException {
        // A listener whose accept queue is full drops SYNs: the connect neither succeeds nor fails.
        ServerSocket full = new ServerSocket();
        cleanup.add(full);
        full.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        for (int i = 0; i < 4; i++) {
            SocketChannel filler = SocketChannel.open();
            cleanup.add(filler);
            filler.configureBlocking(false);
            filler.connect(full.getLocalSocketAddress());
        }
        Backend be = backend("be_web", new Timeouts(5000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                server("s1", full.getLocalPort(), true, false, 0, 2, 3),
                server("s2", full.getLocalPort(), false, false, 0, 2, 3));
        start(be);
        CapturingEventLog.Event down = log.await("s1 is DOWN", WAIT);
        assertEquals("Server be_web/s1 is DOWN, reason: Layer4 timeout, check duration: Nms. 1 active and 0 backup"
                + " servers left. 0 sessions active, 0 requeued, 0 remaining in queue.", down.normalized());
        long ms = Long.parseLong(down.message().replaceAll(".*check duration: (\\d+)ms.*", "$1"));
        assertTrue(ms >= 95 && ms < 1000, "timed out after inter (100ms), not timeout connect: " + ms);
    }

    @Test
    void noStateChangeAfterClose() throws IOException {
        int port = Listener.freePort();
        Backend be = backend("be_web", Timeouts.NONE, server("s1", port, true, false, 0, 1, 1));
        HealthChecks checks = start(be);
        log.await("s1 is DOWN", WAIT);
        checks.close();
        Listener back = listen(port);
        sleep(500);
        assertEquals(0, back.accepted.get());
        assertEquals(ServerState.DOWN, be.server("s1").state());
        assertEquals(2, log.events.size(), () -> "unexpected events " + log.events); // DOWN + no server available
    }

    @Test
    void unixServersNeedAUnixChannelFactory() {
        Backend be = backend("be_sock", Timeouts.NONE,
                server("u1", new UnixEndpoint("unix@/tmp/nowhere.sock", "/tmp/nowhere.sock"), true, false, 0, 2, 3,
                        false));
        HealthChecks checks = start(be);
        assertEquals(0, checks.checkedServers());
        CapturingEventLog.Event warning = log.find("be_sock/u1");
        assertNotNull(warning);
        assertEquals(Level.WARNING, warning.level());
        assertEquals(ServerState.UP, be.server("u1").state());
    }

    @Test
    void serverWithoutAnyPortIsNotChecked() {
        Backend be = backend("be_web", Timeouts.NONE,
                server("s1", new InetEndpoint("127.0.0.1", "127.0.0.1", InetEndpoint.AddressFamily.IPV4, 0, 0),
                        true, false, 0, 2, 3, false));
        assertEquals(0, start(be).checkedServers());
        assertEquals("backend 'be_web': server 's1' has neither service port nor check port."
                + " Check has been disabled.", log.events.get(0).message());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
