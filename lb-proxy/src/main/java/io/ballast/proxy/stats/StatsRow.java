package io.ballast.proxy.stats;

import java.util.Arrays;

/**
 * One row of statistics: a frontend, a backend or a server, with a value per {@link StatField} — a {@link Long}, a
 * {@link String}, or {@code null} where HAProxy leaves the column empty. Rows are snapshots: values are read
 * once when the row is made.
 */
public final class StatsRow {

    /** What a row describes; {@link #code()} is HAProxy's {@code type} column. */
    public enum Kind {
        /** A frontend ({@code svname} {@code FRONTEND}). */
        FRONTEND(0, 'F'),
        /** A backend ({@code svname} {@code BACKEND}). */
        BACKEND(1, 'B'),
        /** A server of a backend. */
        SERVER(2, 'S');

        private final int code;
        private final char letter;

        Kind(int code, char letter) {
            this.code = code;
            this.letter = letter;
        }

        /** HAProxy's {@code type} value: 0 frontend, 1 backend, 2 server. */
        public int code() {
            return code;
        }

        /** The letter that starts a typed-output line: {@code F}, {@code B} or {@code S}. */
        public char letter() {
            return letter;
        }
    }

    private final Kind kind;
    private final Object[] values;

    private StatsRow(Kind kind, Object[] values) {
        this.kind = kind;
        this.values = values;
    }

    /** What the row describes. */
    public Kind kind() {
        return kind;
    }

    /** The proxy's name ({@code pxname}). */
    public String proxyName() {
        return (String) values[StatField.PXNAME.ordinal()];
    }

    /** {@code FRONTEND}, {@code BACKEND} or the server's name ({@code svname}). */
    public String serviceName() {
        return (String) values[StatField.SVNAME.ordinal()];
    }

    /** The value in {@code field}: a {@link Long}, a {@link String}, or {@code null} when the column is empty. */
    public Object value(StatField field) {
        return values[field.ordinal()];
    }

    /** The numeric value in {@code field}, or {@code fallback} when it is empty or not a number. */
    public long number(StatField field, long fallback) {
        return values[field.ordinal()] instanceof Long n ? n : fallback;
    }

    /** The value in {@code field} as the CSV shows it: empty for {@code null}. */
    public String text(StatField field) {
        Object v = values[field.ordinal()];
        return v == null ? "" : v.toString();
    }

    /**
     * Whether the {@code up} and {@code no-maint} filters of {@code show stat} and the stats page leave this row out:
     * {@code up} hides servers that are down or in maintenance, {@code no-maint} servers in maintenance. Frontend and
     * backend rows are always shown.
     */
    public boolean filteredOut(boolean up, boolean noMaint) {
        if (kind != Kind.SERVER) {
            return false;
        }
        String status = text(StatField.STATUS);
        boolean maint = status.startsWith("MAINT");
        return (noMaint || up) && maint || up && status.startsWith("DOWN");
    }

    @Override
    public String toString() {
        return kind + " " + proxyName() + "/" + serviceName() + " " + Arrays.toString(values);
    }

    /** Starts a row of {@code kind} for {@code proxy}/{@code service}. */
    public static Builder builder(Kind kind, String proxyName, String serviceName) {
        return new Builder(kind, proxyName, serviceName);
    }

    /**
     * Fills a row. Values given for columns that do not {@linkplain StatField#appliesTo apply} to the row's kind
     * are dropped, so that rows keep HAProxy's empty columns whatever the producer sets.
     */
    public static final class Builder {

        private final Kind kind;
        private final Object[] values = new Object[StatField.values().length];

        private Builder(Kind kind, String proxyName, String serviceName) {
            this.kind = kind;
            values[StatField.PXNAME.ordinal()] = proxyName;
            values[StatField.SVNAME.ordinal()] = serviceName;
            set(StatField.TYPE, kind.code());
        }

        /** Sets a numeric column. */
        public Builder set(StatField field, long value) {
            if (field.appliesTo(kind)) {
                values[field.ordinal()] = value;
            }
            return this;
        }

        /** Sets a text column; {@code null} leaves it empty. */
        public Builder set(StatField field, String value) {
            if (field.appliesTo(kind)) {
                values[field.ordinal()] = value;
            }
            return this;
        }

        /** The row. */
        public StatsRow build() {
            return new StatsRow(kind, values.clone());
        }
    }
}
