package io.ballast.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link RuleCase} on one {@link Engine}: writes the case's files and its configuration (frontends on
 * free ports), starts the engine, sends every request, records an {@link Observation} for each, and stops the
 * engine. Requests of one {@link RuleCase#keepAlive} group share a client connection as long as the proxy keeps
 * it open; if it closes it, the next request opens a new one (and the observation records the close).
 */
final class CaseRun {
    private CaseRun() {
    }

    /** The observations, in the order of {@link RuleCase#connections()} flattened. */
    static List<Observation> observe(Engine engine, RuleCase ruleCase, List<? extends WebServer> backends, Path dir) {
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> frontends = Map.of("fe", Net.freePort(), "fe2", Net.freePort());
        frontends.forEach((k, port) -> values.put(k, String.valueOf(port)));
        for (WebServer b : backends) {
            values.put(b.name(), String.valueOf(b.port()));
        }
        values.put("dir", dir.toString());
        Path config;
        try {
            for (Map.Entry<String, String> f : ruleCase.files().entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue());
            }
            config = Files.writeString(dir.resolve(ruleCase.name() + "-" + engine + ".cfg"), ruleCase.render(values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Observation> out = new ArrayList<>();
        try (BallastProcess proxy = BallastProcess.start(engine, config, frontends.get("fe"))) {
            for (List<ProbeRequest> connection : ruleCase.connections()) {
                sendOnOneConnection(connection, frontends, out);
            }
            if (!proxy.isAlive()) {
                throw new AssertionError(engine + " exited during case " + ruleCase + "; output:\n" + proxy.output());
            }
        }
        return out;
    }

    private static void sendOnOneConnection(List<ProbeRequest> requests, Map<String, Integer> frontends,
            List<Observation> out) {
        RawHttp client = null;
        try {
            for (ProbeRequest r : requests) {
                if (client != null && !client.reusable()) {
                    client.close();
                    client = null;
                }
                try {
                    if (client == null) {
                        client = new RawHttp(frontends.get(r.frontend()));
                    }
                    out.add(Observation.of(client.exchange(r.method(), r.target(), r.headers(), r.body())));
                } catch (UncheckedIOException e) {
                    // refused at connect (a reset can arrive while connecting) or closed without an answer
                    out.add(Observation.noResponse(e));
                    if (client != null) {
                        client.close();
                        client = null;
                    }
                }
            }
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }
}
