package io.ballast.proxy.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The Prometheus exporter's output (text format 0.0.4) with HAProxy 2.6's metric names, labels, help texts and
 * order: the process metrics, then per metric every frontend, backend and server that has it, each family's
 * {@code # HELP} and {@code # TYPE} lines before its first sample. Values are read from a {@link StatsSource}
 * snapshot: an empty column is {@code NaN}, times kept in milliseconds are shown in seconds.
 */
public final class PrometheusText {

    /** The response's {@code content-type}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4";

    private static final List<String> FRONTEND_STATES = List.of("DOWN", "UP");
    private static final List<String> SERVER_STATES = List.of("DOWN", "UP", "MAINT", "DRAIN", "NOLB");
    private static final List<String> CHECK_STATES = List.of("HANA", "SOCKERR", "L4OK", "L4TOUT", "L4CON", "L6OK",
            "L6TOUT", "L6RSP", "L7TOUT", "L7RSP", "L7OK", "L7OKC", "L7STS", "PROCERR", "PROCTOUT", "PROCOK");
    private static final List<String> CODES = List.of("1xx", "2xx", "3xx", "4xx", "5xx", "other");

    private final StringBuilder out = new StringBuilder(64 * 1024);
    /** The family the next samples belong to. */
    private String currentName;
    /** Its header lines while they are still to be written before its first sample, else {@code null}. */
    private String pendingHeader;

    private PrometheusText() {
    }

    /** The metrics of {@code source} that {@code query} asks for. */
    public static String render(StatsSource source, PrometheusQuery query) {
        PrometheusText text = new PrometheusText();
        if (query.scopes().contains(PrometheusQuery.Scope.GLOBAL)) {
            text.process(source.info());
        }
        List<StatsRow> rows = source.rows();
        if (query.scopes().contains(PrometheusQuery.Scope.FRONTEND)) {
            text.objects("haproxy_frontend_", of(rows, StatsRow.Kind.FRONTEND, false), Map.of());
        }
        Map<String, List<StatsRow>> servers = serversByProxy(rows);
        if (query.scopes().contains(PrometheusQuery.Scope.BACKEND)) {
            text.objects("haproxy_backend_", of(rows, StatsRow.Kind.BACKEND, false), servers);
        }
        if (query.scopes().contains(PrometheusQuery.Scope.SERVER)) {
            text.objects("haproxy_server_", of(rows, StatsRow.Kind.SERVER, query.noMaintServers()), servers);
        }
        return text.out.toString();
    }

    private void process(List<StatsSource.InfoField> info) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (StatsSource.InfoField f : info) {
            values.put(f.name(), f.value());
        }
        for (ProcessMetric m : ProcessMetric.values()) {
            Object v = values.get(m.infoName);
            if (v == null) {
                continue;
            }
            header("haproxy_process_" + m.name, m.help, m.counter);
            if (m == ProcessMetric.BUILD_INFO) {
                sample(new Labels().add("version", v.toString()), "1");
            } else {
                sample(new Labels(), number(v));
            }
        }
    }

    private void objects(String prefix, List<StatsRow> rows, Map<String, List<StatsRow>> servers) {
        if (rows.isEmpty()) {
            return;
        }
        StatsRow.Kind kind = rows.get(0).kind();
        for (PrometheusMetric m : PrometheusMetric.values()) {
            if (!m.appliesTo(kind)) {
                continue;
            }
            if (m.help != null) {
                header(prefix + m.name, m.help, m.counter);
            }
            for (StatsRow row : rows) {
                samples(m, row, servers.getOrDefault(row.proxyName(), List.of()));
            }
        }
    }

    private void samples(PrometheusMetric m, StatsRow row, List<StatsRow> servers) {
        Labels labels = new Labels().add("proxy", row.proxyName());
        if (row.kind() == StatsRow.Kind.SERVER) {
            labels.add("server", row.serviceName());
        }
        boolean http = "http".equals(row.value(StatField.MODE));
        Object v = row.value(m.field);
        switch (m.shape) {
            case VALUE -> sample(labels, number(v));
            case HTTP_VALUE -> {
                if (http) {
                    sample(labels, number(v));
                }
            }
            case SECONDS -> sample(labels, seconds(v));
            case SECONDS_IF_SET -> {
                if (v != null) {
                    sample(labels, seconds(v));
                }
            }
            case STATE -> states(labels, row.kind() == StatsRow.Kind.SERVER ? SERVER_STATES : FRONTEND_STATES,
                    state(row));
            case CHECK_STATE -> {
                if (checksRun(row)) {
                    states(labels, CHECK_STATES, checkStatus(row));
                }
            }
            case CHECK_CODE -> {
                if (checksRun(row)) {
                    sample(labels, Long.toString(row.number(StatField.CHECK_CODE, 0)));
                }
            }
            case HTTP_CODE -> {
                if (http) {
                    sample(labels.add("code", CODES.get(m.ordinal() - PrometheusMetric.HRSP_1XX.ordinal())),
                            number(v));
                }
            }
            case SERVER_STATES -> counts(labels, SERVER_STATES, servers, PrometheusText::state);
            case CHECK_STATES -> counts(labels, CHECK_STATES, servers, PrometheusText::checkStatus);
        }
    }

    private void states(Labels labels, List<String> states, String current) {
        for (String s : states) {
            sample(labels.with("state", s), s.equals(current) ? "1" : "0");
        }
    }

    private void counts(Labels labels, List<String> states, List<StatsRow> servers,
                        Function<StatsRow, String> stateOf) {
        if (servers.isEmpty()) {
            return;
        }
        for (String s : states) {
            long n = servers.stream().filter(r -> s.equals(stateOf.apply(r))).count();
            sample(labels.with("state", s), Long.toString(n));
        }
    }

    private void header(String name, String help, boolean counter) {
        pendingHeader = "# HELP " + name + " " + help + "\n# TYPE " + name + (counter ? " counter\n" : " gauge\n");
        currentName = name;
    }

    private void sample(Labels labels, String value) {
        if (pendingHeader != null) {
            out.append(pendingHeader);
            pendingHeader = null;
        }
        out.append(currentName).append(labels.text()).append(' ').append(value).append('\n');
    }

    /**
     * The state label of a row's {@code status}: frontends are UP unless stopped, backends UP or DOWN, servers UP,
     * DOWN, MAINT, DRAIN or NOLB (a server going down is still UP, one going up still DOWN).
     */
    private static String state(StatsRow row) {
        String status = row.text(StatField.STATUS);
        return switch (row.kind()) {
            case FRONTEND -> status.equals("STOP") ? "DOWN" : "UP";
            case BACKEND -> status.equals("UP") ? "UP" : "DOWN";
            case SERVER -> status.startsWith("MAINT") ? "MAINT"
                    : status.startsWith("DRAIN") ? "DRAIN"
                    : status.startsWith("NOLB") ? "NOLB"
                    : status.startsWith("UP") || status.equals("no check") ? "UP" : "DOWN";
        };
    }

    /** Whether a server's checks run: it has them and is not in maintenance, which pauses them. */
    private static boolean checksRun(StatsRow row) {
        return row.value(StatField.CHECK_STATUS) != null && !row.text(StatField.STATUS).startsWith("MAINT");
    }

    /** The last check's result, without the {@code * } that marks a check in progress; {@code null} without checks. */
    private static String checkStatus(StatsRow row) {
        String s = (String) row.value(StatField.CHECK_STATUS);
        return s == null ? null : s.startsWith("* ") ? s.substring(2) : s;
    }

    private static String number(Object v) {
        return v instanceof Long n ? n.toString() : "NaN";
    }

    private static String seconds(Object v) {
        return v instanceof Long ms ? String.format(Locale.ROOT, "%f", ms / 1000.0) : "NaN";
    }

    private static List<StatsRow> of(List<StatsRow> rows, StatsRow.Kind kind, boolean noMaint) {
        List<StatsRow> out = new ArrayList<>();
        for (StatsRow r : rows) {
            if (r.kind() == kind && !r.filteredOut(false, noMaint)) {
                out.add(r);
            }
        }
        return out;
    }

    private static Map<String, List<StatsRow>> serversByProxy(List<StatsRow> rows) {
        Map<String, List<StatsRow>> out = new LinkedHashMap<>();
        for (StatsRow r : rows) {
            if (r.kind() == StatsRow.Kind.SERVER) {
                out.computeIfAbsent(r.proxyName(), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /** A sample's labels, written {@code {name="value",...}} with the text format's escapes. */
    private static final class Labels {
        private final StringBuilder text = new StringBuilder();

        Labels add(String name, String value) {
            text.append(text.length() == 0 ? "" : ",").append(name).append("=\"");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '"' -> text.append("\\\"");
                    case '\n' -> text.append("\\n");
                    default -> text.append(c);
                }
            }
            text.append('"');
            return this;
        }

        /** A copy with one more label. */
        Labels with(String name, String value) {
            Labels copy = new Labels();
            copy.text.append(text);
            return copy.add(name, value);
        }

        String text() {
            return text.length() == 0 ? "" : "{" + text + "}";
        }
    }
}
