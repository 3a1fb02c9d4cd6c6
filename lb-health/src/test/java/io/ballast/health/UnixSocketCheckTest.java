package io.ballast.health;

import io.ballast.core.config.HealthCheckConfig;
import io.ballast.core.config.HttpReuse;
import io.ballast.core.config.RetryOn;
import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.balance.BalanceAlgorithms;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.config.Timeouts;
import io.ballast.core.config.UnixEndpoint;
import io.ballast.core.server.Backend;
import io.ballast.core.server.ServerState;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** UNIX socket servers are checked through the domain socket factory the engine hands in. */
class UnixSocketCheckTest {

    @Test
    void missingSocketGoesDownAndComesUpWhenItAppears(@TempDir Path dir) throws Exception {
        assumeTrue(Epoll.isAvailable(), "epoll is not available here");
        Path path = dir.resolve("app.sock");
        ServerConfig sc = new ServerConfig("u1", new UnixEndpoint("unix@" + path, path.toString()), 1, false, false,
                0, true, 0, 100, 0, 0, 1, 1, new SourceLocation("test.cfg", 1), ServerCheckSettings.DEFAULTS);
        Backend be = new Backend(new BackendConfig("be_sock", ProxyMode.HTTP, BalanceSpec.ROUND_ROBIN, List.of(sc),
                Timeouts.NONE, 3, null, HttpConnectionMode.KEEP_ALIVE, Map.of(), List.of(), new SourceLocation("test.cfg", 1), HealthCheckConfig.CONNECT, HttpReuse.SAFE, 0, RetryOn.DEFAULT),
                BalanceAlgorithms.create(BalanceSpec.ROUND_ROBIN));
        CapturingEventLog log = new CapturingEventLog();
        EpollEventLoopGroup loops = new EpollEventLoopGroup(1);
        try (HealthChecks checks = HealthChecks.start(List.of(be), loops, EpollSocketChannel::new,
                EpollDomainSocketChannel::new, log)) {
            assertEquals(1, checks.checkedServers());
            CapturingEventLog.Event down = log.await("u1 is DOWN", Duration.ofSeconds(5));
            assertEquals("Server be_sock/u1 is DOWN, reason: Layer4 connection problem, info: \"No such file or"
                    + " directory\", check duration: Nms. 0 active and 0 backup servers left. 0 sessions active,"
                    + " 0 requeued, 0 remaining in queue.", down.normalized());
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(path));
                log.await("u1 is UP", Duration.ofSeconds(5));
                assertEquals(ServerState.UP, be.server("u1").state());
            }
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
