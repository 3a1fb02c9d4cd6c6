package io.ballast.proxy;

import io.ballast.core.config.HealthCheckConfig;
import io.ballast.core.config.HttpReuse;
import io.ballast.core.config.RetryOn;
import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.BindConfig;
import io.ballast.core.config.ForwardFor;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.GlobalConfig;
import io.ballast.core.config.HttpConnectionMode;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.config.Timeouts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds configuration models for engine tests without going through the config parser. */
final class TestConfigs {

    static final SourceLocation HERE = new SourceLocation("test.cfg", 1);

    private TestConfigs() {
    }

    static ServerConfig server(String name, int port) {
        return new ServerConfig(name, inet("127.0.0.1", port), 1, false, false, 0, false, 0, 2000, 0, 0, 2, 3, HERE, ServerCheckSettings.DEFAULTS);
    }

    /** A server spoken to in HTTP/2 ({@code proto h2}). */
    static ServerConfig http2Server(String name, int port) {
        return new ServerConfig(name, inet("127.0.0.1", port), 1, false, false, 0, false, 0, 2000, 0, 0, 2, 3, HERE,
                ServerCheckSettings.DEFAULTS, 0, null, io.ballast.core.config.SendProxy.NONE, false, true);
    }

    /** A loopback port free right now, for configurations parsed from text (HAProxy refuses port 0). */
    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static InetEndpoint inet(String host, int port) {
        return new InetEndpoint(host + ":" + port, host, InetEndpoint.AddressFamily.ANY, port, port);
    }

    /** One HTTP frontend on an ephemeral loopback port, balancing round robin over {@code servers}. */
    static BallastConfig http(Timeouts timeouts, HttpConnectionMode mode, ForwardFor forwardFor, ServerConfig... servers) {
        return proxy(ProxyMode.HTTP, timeouts, mode, forwardFor, servers);
    }

    static BallastConfig http(ServerConfig... servers) {
        return http(new Timeouts(2000, 5000, 5000, 0, 0, 0, 0, 0, 0, 0, 0), HttpConnectionMode.KEEP_ALIVE, null, servers);
    }

    /** {@code config} with its only frontend's {@code maxconn} set to {@code maxconn}. */
    static BallastConfig withFrontendMaxconn(BallastConfig config, int maxconn) {
        FrontendConfig f = config.frontends().get(0);
        FrontendConfig limited = new FrontendConfig(f.name(), f.mode(), f.binds(), f.defaultBackend(), f.timeouts(),
                maxconn, f.forwardFor(), f.connectionMode(), f.httpLog(), f.dontLogNull(), f.logs(), f.errorFiles(),
                f.rules(), f.location(), f.logFormat());
        return new BallastConfig(config.global(), List.of(limited), config.backends(), config.userlists());
    }

    /** {@code config} with its only backend balanced by {@code algorithm}. */
    static BallastConfig withBalance(BallastConfig config, String algorithm) {
        BackendConfig b = config.backends().get(0);
        BackendConfig balanced = new BackendConfig(b.name(), b.mode(), new BalanceSpec(algorithm, List.of()), b.servers(),
                b.timeouts(), b.retries(), b.forwardFor(), b.connectionMode(), b.errorFiles(), b.rules(), b.location(), b.healthCheck(), b.httpReuse(), b.redispatch(), b.retryOn());
        return new BallastConfig(config.global(), config.frontends(), List.of(balanced), config.userlists());
    }

    static BallastConfig proxy(ProxyMode mode, Timeouts timeouts, HttpConnectionMode connectionMode,
                               ForwardFor forwardFor, ServerConfig... servers) {
        FrontendConfig frontend = new FrontendConfig("fe", mode, List.of(new BindConfig(inet("127.0.0.1", 0), null, HERE)),
                "be", timeouts, 0, forwardFor, connectionMode, false, false, List.of(), Map.of(), List.of(), HERE, null);
        BackendConfig backend = new BackendConfig("be", mode, BalanceSpec.ROUND_ROBIN, new ArrayList<>(List.of(servers)),
                timeouts, 3, null, HttpConnectionMode.KEEP_ALIVE, Map.of(), List.of(), HERE, HealthCheckConfig.CONNECT, HttpReuse.SAFE, 0, RetryOn.DEFAULT);
        return new BallastConfig(new GlobalConfig(0, 2, false, null, GlobalConfig.DEFAULT_BUFSIZE, List.of(), 0, false, 0, 0, null),
                List.of(frontend), List.of(backend), List.of());
    }
}
