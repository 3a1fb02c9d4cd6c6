package io.ballast.proxy.stats;

import java.util.List;

/**
 * {@code show stat} as HAProxy 2.6 writes it: a header line {@code # pxname,svname,...,-,} then one line per row,
 * every value followed by a comma, empty where HAProxy leaves the column empty, and the {@code -} column that
 * separates the fixed columns from per-module counters (none here). Lines end with {@code \n}; the runtime API adds
 * its own empty line after the output.
 */
public final class StatsCsv {

    private static final String HEADER = header();

    private StatsCsv() {
    }

    /** The whole output: the header line, then a line per row. */
    public static String format(List<StatsRow> rows) {
        StringBuilder out = new StringBuilder(HEADER.length() + rows.size() * 256).append(HEADER);
        for (StatsRow row : rows) {
            appendRow(out, row);
        }
        return out.toString();
    }

    /** The header line, {@code \n} included. */
    public static String headerLine() {
        return HEADER;
    }

    /** One row's line, {@code \n} included. */
    public static String row(StatsRow row) {
        StringBuilder out = new StringBuilder(256);
        appendRow(out, row);
        return out.toString();
    }

    private static String header() {
        StringBuilder out = new StringBuilder("# ");
        for (StatField f : StatField.values()) {
            out.append(f.csvName()).append(',');
        }
        return out.append("-,\n").toString();
    }

    private static void appendRow(StringBuilder out, StatsRow row) {
        for (StatField f : StatField.values()) {
            Object v = row.value(f);
            if (v instanceof String s) {
                CsvText.append(out, s);
            } else if (v != null) {
                out.append(v);
            }
            out.append(',');
        }
        out.append("-,\n");
    }
}
