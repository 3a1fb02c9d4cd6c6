package io.ballast.proxy.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus exporter's text against HAProxy 2.6.12's exporter for the same objects (frontends {@code fe} and
 * {@code st}, backend {@code be} with {@code web01} in MAINT and {@code web02} in DRAIN, both checked, and an empty
 * backend {@code st}): each family Ballast exports has HAProxy's name, help and type, comes in HAProxy's order, and
 * has the same samples with the same labels.
 */
class PrometheusTextTest {

    @Test
    void familiesSamplesAndLabelsAreHaproxys() {
        Map<String, Family> reference = families(HaproxyReference.text("prometheus.txt"));
        Map<String, Family> ours = families(PrometheusText.render(source(), PrometheusQuery.parse(null)));
        assertTrue(ours.size() > 100, "families: " + ours.size());
        List<String> order = new ArrayList<>(reference.keySet());
        int last = -1;
        for (Family f : ours.values()) {
            Family r = reference.get(f.name);
            assertNotNull(r, "HAProxy has no " + f.name);
            assertEquals(r.help, f.help, f.name);
            assertEquals(r.type, f.type, f.name);
            assertEquals(r.labels, f.labels, f.name);
            assertTrue(order.indexOf(f.name) > last, f.name + " comes in HAProxy's order");
            last = order.indexOf(f.name);
        }
        for (String absent : List.of("haproxy_frontend_http_comp_bytes_in_total", "haproxy_backend_http_cache_hits_total",
                "haproxy_process_max_ssl_connections", "haproxy_server_idle_connections_limit")) {
            assertFalse(ours.containsKey(absent), absent + " is not measured by Ballast");
        }
    }

    @Test
    void statesTimesAndEmptyValuesAreWrittenAsHaproxyWritesThem() {
        String text = PrometheusText.render(source(), PrometheusQuery.parse(null));
        assertTrue(text.contains("haproxy_server_status{proxy=\"be\",server=\"web01\",state=\"MAINT\"} 1\n"));
        assertTrue(text.contains("haproxy_server_status{proxy=\"be\",server=\"web02\",state=\"UP\"} 0\n"));
        assertTrue(text.contains("haproxy_server_status{proxy=\"be\",server=\"web02\",state=\"DRAIN\"} 1\n"));
        assertTrue(text.contains("haproxy_backend_status{proxy=\"be\",state=\"DOWN\"} 1\n"));
        assertTrue(text.contains("haproxy_backend_agg_check_status{proxy=\"be\",state=\"L4OK\"} 2\n"));
        assertTrue(text.contains("haproxy_backend_response_time_average_seconds{proxy=\"be\"} 0.001000\n"));
        assertTrue(text.contains("haproxy_server_limit_sessions{proxy=\"be\",server=\"web01\"} NaN\n"));
        assertTrue(text.contains("haproxy_frontend_http_responses_total{proxy=\"fe\",code=\"2xx\"} 10\n"));
        assertTrue(text.contains("haproxy_process_build_info{version=\"1.2.3\"} 1\n"));
    }

    @Test
    void scopesAndNoMaintFilter() {
        String servers = PrometheusText.render(source(), PrometheusQuery.parse("scope=server&no-maint"));
        assertTrue(servers.lines().filter(l -> !l.startsWith("#")).allMatch(l -> l.startsWith("haproxy_server_")));
        assertFalse(servers.contains("web01"));
        assertTrue(servers.contains("web02"));
        String two = PrometheusText.render(source(), PrometheusQuery.parse("scope=global&scope=frontend"));
        assertTrue(two.contains("haproxy_process_nbthread 2\n"));
        assertTrue(two.contains("haproxy_frontend_"));
        assertFalse(two.contains("haproxy_backend_"));
        assertEquals("", PrometheusText.render(source(), PrometheusQuery.parse("scope=")));
        assertEquals(EnumSet.allOf(PrometheusQuery.Scope.class), PrometheusQuery.parse("scope=*").scopes());
        assertThrows(IllegalArgumentException.class, () -> PrometheusQuery.parse("scope=nope"));
        assertThrows(IllegalArgumentException.class, () -> PrometheusQuery.parse("scope"));
    }

    @Test
    void tcpProxiesHaveNoHttpMetrics() {
        StatsRow tcp = fill(StatsRow.builder(StatsRow.Kind.FRONTEND, "db", "FRONTEND"), StatsRow.Kind.FRONTEND)
                .set(StatField.MODE, "tcp").set(StatField.STATUS, "OPEN").build();
        String text = PrometheusText.render(source(List.of(tcp)), PrometheusQuery.parse("scope=frontend"));
        assertTrue(text.contains("haproxy_frontend_sessions_total{proxy=\"db\"} 0\n"));
        assertFalse(text.contains("http_"));
    }

    /** A family: its help and type lines and its samples' label sets, in order. */
    private record Family(String name, String help, String type, List<String> labels) {
    }

    /** The families of a text, the build's version label left out. */
    private static Map<String, Family> families(String text) {
        Map<String, Family> out = new LinkedHashMap<>();
        String help = null;
        String type = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                help = line.substring(line.indexOf(' ', 7) + 1);
            } else if (line.startsWith("# TYPE ")) {
                type = line.substring(line.lastIndexOf(' ') + 1);
            } else {
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String name = line.substring(0, brace >= 0 ? brace : space);
                String labels = brace >= 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
                String h = help;
                String t = type;
                out.computeIfAbsent(name, n -> new Family(n, h, t, new ArrayList<>()))
                        .labels.add(labels.replaceAll("version=\"[^\"]*\"", "version"));
            }
        }
        return out;
    }

    private static StatsSource source() {
        StatsRow.Builder fe = fill(StatsRow.builder(StatsRow.Kind.FRONTEND, "fe", "FRONTEND"), StatsRow.Kind.FRONTEND)
                .set(StatField.STATUS, "OPEN").set(StatField.HRSP_2XX, 10);
        StatsRow.Builder web01 = server("web01", "MAINT");
        StatsRow.Builder web02 = server("web02", "DRAIN");
        StatsRow.Builder be = fill(StatsRow.builder(StatsRow.Kind.BACKEND, "be", "BACKEND"), StatsRow.Kind.BACKEND)
                .set(StatField.STATUS, "DOWN").set(StatField.RTIME, 1);
        StatsRow.Builder st = fill(StatsRow.builder(StatsRow.Kind.FRONTEND, "st", "FRONTEND"), StatsRow.Kind.FRONTEND)
                .set(StatField.STATUS, "OPEN");
        StatsRow.Builder stBackend = fill(StatsRow.builder(StatsRow.Kind.BACKEND, "st", "BACKEND"),
                StatsRow.Kind.BACKEND).set(StatField.STATUS, "UP");
        return source(List.of(fe.build(), web01.build(), web02.build(), be.build(), st.build(), stBackend.build()));
    }

    private static StatsRow.Builder server(String name, String status) {
        return fill(StatsRow.builder(StatsRow.Kind.SERVER, "be", name), StatsRow.Kind.SERVER)
                .set(StatField.STATUS, status).set(StatField.CHECK_STATUS, "L4OK")
                .set(StatField.CHECK_DESC, "Layer4 check passed");
    }

    /** Every numeric column of the kind set to 0, but the limits, which HAProxy leaves empty here. */
    private static StatsRow.Builder fill(StatsRow.Builder b, StatsRow.Kind kind) {
        for (StatField f : StatField.values()) {
            if (f.appliesTo(kind) && !f.valueType().equals("str") && f != StatField.CHECK_CODE
                    && !(kind == StatsRow.Kind.SERVER && f == StatField.SLIM)) {
                b.set(f, 0);
            }
        }
        return b.set(StatField.MODE, "http");
    }

    private static StatsSource source(List<StatsRow> rows) {
        return new StatsSource() {
            @Override
            public List<StatsRow> rows() {
                return rows;
            }

            @Override
            public List<InfoField> info() {
                List<InfoField> info = new ArrayList<>();
                for (ProcessMetric m : ProcessMetric.values()) {
                    info.add(new InfoField(m.infoName, m == ProcessMetric.BUILD_INFO ? "1.2.3"
                            : (Object) (m == ProcessMetric.NBTHREAD ? 2L : 0L), "MGP", "u32"));
                }
                return info;
            }
        };
    }
}
