package io.ballast.core.balance;

import io.ballast.core.config.HealthCheckConfig;
import io.ballast.core.config.HttpReuse;
import io.ballast.core.config.RetryOn;
import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.HashType;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.config.Timeouts;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.SimpleRequestView;
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

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code pick} of a balancing algorithm for 2, 100 and 1000 servers, from one thread and from two
 * (contended shared state). Run: {@code java -jar lb-benchmarks/target/benchmarks.jar BalanceBenchmark}
 * (add {@code -p algorithm=leastconn} for another algorithm, {@code -p hashType=consistent} for consistent hashing).
 * {@code pickStartEnd} is what a request costs the balancer in the proxy: the pick, then the in-flight counter up and
 * down, which for {@code leastconn} moves the server in its heap.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BalanceBenchmark {

    @Param({"roundrobin"})
    public String algorithm;

    @Param({"2", "100", "1000"})
    public int servers;

    @Param({"map-based"})
    public String hashType;

    private Backend backend;
    private static final RequestView FIXED_REQUEST = SimpleRequestView.builder("GET", "/blog/2026/11/post?id=42")
            .header("Host", "www.example.com")
            .clientAddress(new InetSocketAddress("192.0.2.17", 51234))
            .build();

    private final RequestView request = FIXED_REQUEST;

    @Setup
    public void setup() {
        SourceLocation here = new SourceLocation("bench", 1);
        List<ServerConfig> list = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            String host = "10.0." + (i / 250) + "." + (i % 250 + 1);
            InetEndpoint address = new InetEndpoint(host + ":80", host, InetEndpoint.AddressFamily.IPV4, 80, 80);
            list.add(new ServerConfig("s" + i, address, 1 + i % 3, false, false, 0, false, 0, 2000, 0, 0, 2, 3, here, ServerCheckSettings.DEFAULTS));
        }
        HashType type = hashType.equals("consistent")
                ? new HashType(HashType.Method.CONSISTENT, HashType.Function.SDBM, true) : HashType.DEFAULT;
        BalanceSpec spec = new BalanceSpec(algorithm, List.of(), type);
        BackendConfig config = new BackendConfig("be", ProxyMode.HTTP, spec, list, Timeouts.NONE, 3,
                null, HttpConnectionMode.KEEP_ALIVE, Map.of(), List.of(), here, HealthCheckConfig.CONNECT, HttpReuse.SAFE, 0, RetryOn.DEFAULT);
        backend = new Backend(config, BalanceAlgorithms.create(spec));
        for (int i = 0; i < servers; i++) {
            backend.servers().get(i).recordLatency((1 + i % 7) * 1_000_000L); // for ewma: 1 to 7 ms
        }
    }

    @Benchmark
    public Server pick() {
        return backend.pick(request);
    }

    @Benchmark
    @Threads(2)
    public Server pickFromTwoThreads() {
        return backend.pick(request);
    }

    @Benchmark
    public Server pickStartEnd() {
        Server s = backend.pick(request);
        s.requestStarted();
        s.requestEnded();
        return s;
    }

    @Benchmark
    @Threads(2)
    public Server pickStartEndFromTwoThreads() {
        Server s = backend.pick(request);
        s.requestStarted();
        s.requestEnded();
        return s;
    }

    /** A request with a typical path, Host header and client address, for the hashing algorithms. */}
