package io.ballast.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration for a differential run and the requests to send through it. The configuration is the text of
 * a {@code haproxy.cfg} after {@link #PREAMBLE}, with placeholders filled in per run: {@code {fe}} and
 * {@code {fe2}} (free frontend ports), {@code {web01}}, {@code {web02}}, {@code {web03}} (the Apache
 * backends' ports) and {@code {dir}} (where the case's extra files, such as map files, are written).
 */
final class RuleCase {
    /** The same {@code global} and {@code defaults} for every case: HTTP mode, short timeouts, no logging. */
    static final String PREAMBLE = """
            global
                maxconn 200

            defaults
                mode http
                timeout connect 5s
                timeout client 30s
                timeout server 30s

            """;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)}");

    private final String name;
    private final String template;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final List<List<ProbeRequest>> connections = new ArrayList<>();

    private RuleCase(String name, String template) {
        this.name = name;
        this.template = template;
    }

    static RuleCase config(String name, String proxies) {
        return new RuleCase(name, PREAMBLE + proxies);
    }

    /** A file written to {@code {dir}} before the proxies start. */
    RuleCase file(String fileName, String content) {
        files.put(fileName, content);
        return this;
    }

    /** Each request on a connection of its own. */
    RuleCase requests(ProbeRequest... requests) {
        for (ProbeRequest r : requests) {
            connections.add(List.of(r));
        }
        return this;
    }

    /** The requests one after the other on one kept-alive client connection. */
    RuleCase keepAlive(ProbeRequest... requests) {
        connections.add(List.of(requests));
        return this;
    }

    String name() {
        return name;
    }

    Map<String, String> files() {
        return files;
    }

    List<List<ProbeRequest>> connections() {
        return connections;
    }

    /** The configuration with every placeholder replaced; an unknown placeholder is a mistake in the test. */
    String render(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("case " + name + ": no value for placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
