package io.ballast.core.balance;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.config.LoadedConfig;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Builds backends from configuration text, the way a user writes them, so that the algorithm tests go through
 * the config loader and the service loader. The {@code balance} line is always line 7 of {@code t.cfg}; more
 * backend lines can follow it in the same string, as in {@code "uri\n    hash-type consistent"}.
 */
final class BalanceTestSupport {

    static final String FILE = "t.cfg";

    private BalanceTestSupport() {
    }

    static String config(String balance, String... servers) {
        List<String> lines = new ArrayList<>(List.of(
                "defaults",
                "    mode http",
                "    timeout connect 5s",
                "    timeout client 5s",
                "    timeout server 5s",
                "backend be",
                "    balance " + balance));
        for (String s : servers) {
            lines.add("    server " + s);
        }
        lines.add("");
        return String.join("\n", lines);
    }

    static LoadedConfig loaded(String balance, String... servers) throws ConfigException {
        return ConfigLoader.withEnvironment(Map.of()).parse(FILE, config(balance, servers));
    }

    static Backend backend(String balance, String... servers) throws ConfigException {
        return backend(System::nanoTime, balance, servers);
    }

    /** A backend whose servers read {@code clock} (nanoseconds) for slow starts and latencies. */
    static Backend backend(LongSupplier clock, String balance, String... servers) throws ConfigException {
        BackendConfig config = loaded(balance, servers).config().backend("be").orElseThrow();
        return new Backend(config, BalanceAlgorithms.create(config.balance()), clock);
    }

    /** The first error of a configuration that must fail, as printed ({@code parsing [t.cfg:7] : ...}). */
    static String error(String balance, String... servers) {
        ConfigException e = assertThrows(ConfigException.class, () -> backend(balance, servers));
        return e.errors().get(0).toString();
    }

    static List<String> picks(Backend backend, int n) {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Server s = backend.pick(null);
            names.add(s == null ? null : s.name());
        }
        return names;
    }

    /** Picks {@code n} times and counts each server, in declaration order. */
    static Map<String, Integer> counts(Backend backend, int n) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        backend.servers().forEach(s -> counts.put(s.name(), 0));
        for (String name : picks(backend, n)) {
            counts.merge(String.valueOf(name), 1, Integer::sum);
        }
        return counts;
    }

    /** Picks and starts a request on the chosen server, as the proxy does; returns the server's name. */
    static String pickAndStart(Backend backend) {
        Server s = backend.pick(null);
        s.requestStarted();
        return s.name();
    }

    static Map<String, Integer> inFlight(Backend backend) {
        return backend.servers().stream().collect(Collectors.toMap(Server::name, Server::inFlight,
                (a, b) -> a, LinkedHashMap::new));
    }

    static void start(Backend backend, String server, int requests) {
        for (int i = 0; i < requests; i++) {
            backend.server(server).requestStarted();
        }
    }

    static void end(Backend backend, String server, int requests) {
        for (int i = 0; i < requests; i++) {
            backend.server(server).requestEnded();
        }
    }
}
