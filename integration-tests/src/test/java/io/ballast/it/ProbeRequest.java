package io.ballast.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request of a differential case, sent byte for byte the same to every proxy: the request line, the
 * headers in order (always an explicit {@code Host}, since the proxies listen on different ports), an optional
 * body, and which of the configuration's frontends ({@code {fe}} or {@code {fe2}}) it goes to.
 */
record ProbeRequest(String method, String target, List<Map.Entry<String, String>> headers, String body,
        String frontend) {
    static final String DEFAULT_HOST = "www.example.com";

    ProbeRequest {
        headers = List.copyOf(headers);
    }

    static ProbeRequest get(String target) {
        return of("GET", target);
    }

    static ProbeRequest of(String method, String target) {
        return new ProbeRequest(method, target, List.of(Map.entry("Host", DEFAULT_HOST),
                Map.entry("User-Agent", "ballast-it")), "", "fe");
    }

    /** Replaces the {@code Host} header. */
    ProbeRequest host(String host) {
        List<Map.Entry<String, String>> hs = new ArrayList<>(headers);
        hs.replaceAll(h -> h.getKey().equals("Host") ? Map.entry("Host", host) : h);
        return new ProbeRequest(method, target, hs, body, frontend);
    }

    /** Adds a header line (repeat the call for repeated headers); {@code User-Agent} replaces the default one. */
    ProbeRequest header(String name, String value) {
        List<Map.Entry<String, String>> hs = new ArrayList<>(headers);
        if (name.equals("User-Agent")) {
            hs.removeIf(h -> h.getKey().equals("User-Agent"));
        }
        hs.add(Map.entry(name, value));
        return new ProbeRequest(method, target, hs, body, frontend);
    }

    ProbeRequest body(String contentType, String content) {
        return new ProbeRequest(method, target, headers, content, frontend).header("Content-Type", contentType);
    }

    /** Sends it to the configuration's second frontend, bound at {@code {fe2}}. */
    ProbeRequest toSecondFrontend() {
        return new ProbeRequest(method, target, headers, body, "fe2");
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1");
        headers.forEach(h -> b.append(" | ").append(h.getKey()).append(": ").append(h.getValue()));
        if (!body.isEmpty()) {
            b.append(" | body ").append(body.length()).append(" B");
        }
        if (!frontend.equals("fe")) {
            b.append("  (to {").append(frontend).append("})");
        }
        return b.toString();
    }
}
