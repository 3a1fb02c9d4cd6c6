package io.ballast.it;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one request through a proxy looked like, from the client and from the backend, as named fields that two
 * proxies must agree on:
 * <ul>
 * <li>{@code status}: code and reason phrase; {@code client connection}: whether the proxy kept it open;</li>
 * <li>{@code response <Name>}: the response headers that the cases' rules produce or act on
 * ({@link #RESPONSE_HEADERS}), all occurrences in order;</li>
 * <li>{@code backend}: which Apache answered ({@link EchoCgi}), and then the {@code request line}, the request's
 * {@code Content-Type}/{@code Content-Length} and every other request header as the backend received it;</li>
 * <li>{@code body}: when the proxy answered by itself (deny, return, redirect), what it sent.</li>
 * </ul>
 * Ignored, in the request headers the backend saw, are only the hop-by-hop {@code Connection} and
 * {@code Keep-Alive} ({@link #IGNORED_BACKEND_HEADERS}): each proxy manages its own connection to the server, and
 * HAProxy drops the client's values and may send its own.
 */
record Observation(Map<String, String> fields) {
    static final List<String> RESPONSE_HEADERS = List.of("Location", "Content-Type", "Cache-Control", "Set-Cookie",
            "X-Served-By", "X-Missing", "X-Powered-By", "X-Frame-Options", "X-Via", "X-Status", "X-Resp-Host",
            "X-Maint", "WWW-Authenticate");
    static final Set<String> IGNORED_BACKEND_HEADERS = Set.of("HTTP_CONNECTION", "HTTP_KEEP_ALIVE");

    static Observation of(RawHttp.Response r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("status", (r.status() + " " + r.reason()).strip());
        f.put("client connection", r.keepsAlive() ? "kept open" : "closed by the proxy");
        for (String name : RESPONSE_HEADERS) {
            List<String> values = r.headers().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).collect(Collectors.toList());
            if (!values.isEmpty()) {
                f.put("response " + name, String.join(" | ", values));
            }
        }
        EchoCgi.Received.parse(r.bodyText()).ifPresentOrElse(received -> {
            f.put("backend", received.server());
            f.put("request line", received.requestLine());
            f.put("request Content-Type", received.contentType());
            f.put("request Content-Length", received.contentLength());
            received.headers().forEach((k, v) -> {
                if (!IGNORED_BACKEND_HEADERS.contains(k)) {
                    f.put("request " + k, v);
                }
            });
        }, () -> {
            // a HEAD answer has no report in its body: the server still names itself in X-Served-By
            f.put("backend", r.body().length == 0 && r.header("X-Served-By").isPresent()
                    ? r.header("X-Served-By").get() + " (no report in the body)" : "none (the proxy answered)");
            f.put("body", escape(r.bodyText()));
        });
        return new Observation(f);
    }

    /** The proxy closed or reset the connection without answering, or did not answer in time. */
    static Observation noResponse(UncheckedIOException e) {
        boolean timeout = e.getCause() instanceof SocketTimeoutException;
        return new Observation(Map.of("status", timeout ? "no response: timed out" : "no response: connection closed"));
    }

    /** The fields where {@code actual} differs from this one, as readable lines (empty when they agree). */
    List<String> differences(Observation actual, String expectedLabel, String actualLabel) {
        Set<String> names = new LinkedHashSet<>(fields.keySet());
        names.addAll(actual.fields.keySet());
        List<String> out = new ArrayList<>();
        int width = Math.max(expectedLabel.length(), actualLabel.length());
        for (String name : names) {
            String e = fields.get(name);
            String a = actual.fields.get(name);
            if (e == null ? a != null : !e.equals(a)) {
                out.add(name + ":");
                out.add("    " + pad(expectedLabel, width) + " " + show(e));
                out.add("    " + pad(actualLabel, width) + " " + show(a));
            }
        }
        return out;
    }

    private static String pad(String s, int width) {
        return s + ":" + " ".repeat(width - s.length());
    }

    private static String show(String v) {
        return v == null ? "(absent)" : "\"" + v + "\"";
    }

    private static String escape(String body) {
        String s = body.replace("\r", "\\r").replace("\n", "\\n");
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    @Override
    public String toString() {
        return fields.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("\n"));
    }
}
