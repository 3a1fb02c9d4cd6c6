package io.ballast.proxy.stats;

import java.util.List;

/**
 * Where the stats outputs (the runtime API's {@code show stat} and {@code show info}, the stats page, the
 * Prometheus exporter) read from: a fresh snapshot at each call.
 */
public interface StatsSource {

    /**
     * One row per frontend, then per server and the backend of each backend, in configuration order, as HAProxy
     * lists them: for a {@code listen} section its FRONTEND row, its servers and its BACKEND row follow each other.
     */
    List<StatsRow> rows();

    /** The process figures of {@code show info}, in HAProxy's order: {@code Name}, {@code Version}, {@code Pid}… */
    List<InfoField> info();

    /** One line of {@code show info}: its name, value and HAProxy's typed-output tag and type. */
    record InfoField(String name, Object value, String tag, String valueType) {
    }
}
