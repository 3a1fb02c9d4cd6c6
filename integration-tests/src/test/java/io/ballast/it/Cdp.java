package io.ballast.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal Chrome DevTools Protocol client over {@code java.net.http}'s WebSocket: commands with their results,
 * and the events the browser sends, read in order.
 */
final class Cdp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private WebSocket socket;

    private Cdp() {
    }

    static Cdp connect(URI page) {
        Cdp cdp = new Cdp();
        cdp.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(page, cdp.new Listener()).join();
        return cdp;
    }

    /** Sends {@code method} with {@code params} (name/value pairs) and returns its result. */
    JsonNode call(String method, Object... params) {
        try {
            JsonNode reply = send(method, params).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no reply", e);
        }
    }

    /**
     * Sends {@code method} without waiting for its reply: for a command the browser answers only once events have
     * been handled (a navigation that meets an authentication challenge).
     */
    CompletableFuture<JsonNode> send(String method, Object... params) {
        ObjectNode message = JSON.createObjectNode();
        int id = ids.incrementAndGet();
        message.put("id", id);
        message.put("method", method);
        ObjectNode p = message.putObject("params");
        for (int i = 0; i < params.length; i += 2) {
            p.set((String) params[i], JSON.valueToTree(params[i + 1]));
        }
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        try {
            socket.sendText(JSON.writeValueAsString(message), true).join();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    /** Evaluates {@code expression} in the page and returns its value. */
    JsonNode evaluate(String expression) {
        JsonNode r = call("Runtime.evaluate", "expression", expression, "returnByValue", true);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Forgets the events received so far. */
    void clearEvents() {
        events.clear();
    }

    /** Waits for the next event called {@code method}, skipping others, and returns its parameters. */
    JsonNode awaitEvent(String method) {
        return awaitEvent(Set.of(method)).path("params");
    }

    /** Waits for the next event called one of {@code methods}, skipping others, and returns it whole. */
    JsonNode awaitEvent(Set<String> methods) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                JsonNode e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (e == null) {
                    throw new IllegalStateException("none of " + methods + " within " + TIMEOUT);
                }
                if (methods.contains(e.path("method").asText())) {
                    return e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null).join();
    }

    /** Assembles text frames into messages: replies complete their command, events are queued. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(text.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
                        if (f != null) {
                            f.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
