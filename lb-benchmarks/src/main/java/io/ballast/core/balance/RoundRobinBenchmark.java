package io.ballast.core.balance;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.config.Timeouts;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Picking a server with weighted round robin, from one and from two threads (the shared counter). */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoundRobinBenchmark {

    @Param({"2", "50"})
    public int servers;

    private Backend backend;

    @Setup
    public void setup() {
        SourceLocation here = new SourceLocation("bench", 1);
        List<ServerConfig> list = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            InetEndpoint address = new InetEndpoint("10.0.0." + i + ":80", "10.0.0." + i, InetEndpoint.AddressFamily.IPV4, 80, 80);
            list.add(new ServerConfig("s" + i, address, 1 + i % 3, false, false, 0, false, 0, 2000, 0, 0, 2, 3, here));
        }
        BackendConfig config = new BackendConfig("be", ProxyMode.HTTP, BalanceSpec.ROUND_ROBIN, list, Timeouts.NONE, 3,
                null, HttpConnectionMode.KEEP_ALIVE, Map.of(), here);
        backend = new Backend(config, BalanceAlgorithms.create(BalanceSpec.ROUND_ROBIN));
    }

    @Benchmark
    public Server pick() {
        return backend.pick(null);
    }

    @Benchmark
    @Threads(2)
    public Server pickFromTwoThreads() {
        return backend.pick(null);
    }
}
