package io.ballast.health;

import io.ballast.core.balance.BalanceAlgorithms;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Health checks started from configuration text, as Ballast starts them: parsed by the real loader, run on
 * real event loops against real servers, their log captured.
 */
final class ConfiguredChecks implements AutoCloseable {

    final CapturingEventLog log = new CapturingEventLog();
    final List<Backend> backends = new ArrayList<>();
    final HealthChecks checks;
    private final EventLoopGroup loops = new NioEventLoopGroup(2);
    final long startedNanos = System.nanoTime();

    ConfiguredChecks(String... lines) throws ConfigException {
        String text = "defaults\n  mode http\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\n"
                + String.join("\n", lines) + "\n";
        BallastConfig config = ConfigLoader.create().parse("test.cfg", text).config();
        for (BackendConfig b : config.backends()) {
            backends.add(new Backend(b, BalanceAlgorithms.create(b.balance())));
        }
        checks = HealthChecks.start(backends, loops, NioSocketChannel::new, null, log, config.global());
    }

    Server server(String qualified) {
        String[] parts = qualified.split("/");
        return backends.stream().filter(b -> b.name().equals(parts[0])).findFirst().orElseThrow().server(parts[1]);
    }

    /** Waits for {@code server} to reach {@code state}; returns the ms it took since {@code sinceNanos}. */
    long awaitState(String server, ServerState state, long sinceNanos, Duration timeout) {
        Server s = server(server);
        CapturingEventLog.await(() -> s.state() == state, timeout, server + " to be " + state + " (is " + s.state()
                + ", log " + log.events + ")");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNanos);
    }

    @Override
    public void close() {
        checks.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
