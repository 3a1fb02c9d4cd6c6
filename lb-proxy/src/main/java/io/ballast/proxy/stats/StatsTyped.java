package io.ballast.proxy.stats;

import java.util.List;

/**
 * The {@code typed} forms of {@code show stat} and {@code show info}: one line per non-empty value, naming the object,
 * the field's position and name, the process number, HAProxy's tag letters and value type, as in
 * {@code F.2.0.4.scur.1:MGP:u32:0} (a frontend of proxy id 2, field 4) or {@code 3.Nbthread.1:CGS:u32:2}. Lines end with
 * {@code \n}; the runtime API adds its own empty line after the output.
 */
public final class StatsTyped {

    private StatsTyped() {
    }

    /** {@code show stat typed}: the lines of every row, objects named by the rows' {@code iid} and {@code sid}. */
    public static String stat(List<StatsRow> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 4096);
        for (StatsRow row : rows) {
            String object = row.kind().letter() + "." + row.number(StatField.IID, 0) + "."
                    + row.number(StatField.SID, 0) + ".";
            for (StatField f : StatField.values()) {
                Object v = row.value(f);
                if (v != null) {
                    out.append(object).append(f.ordinal()).append('.').append(f.csvName()).append(".1:");
                    value(out, f.tag(row.kind()), f.valueType(), v);
                }
            }
        }
        return out.toString();
    }

    /** {@code show info typed}: the lines of the fields with a value, numbered as in HAProxy. */
    public static String info(List<StatsSource.InfoField> fields) {
        StringBuilder out = new StringBuilder(fields.size() * 40);
        for (int i = 0; i < fields.size(); i++) {
            StatsSource.InfoField f = fields.get(i);
            if (f.value() != null) {
                out.append(InfoPositions.of(f.name(), i)).append('.').append(f.name()).append(".1:");
                value(out, f.tag(), f.valueType(), f.value());
            }
        }
        return out.toString();
    }

    private static void value(StringBuilder out, String tag, String type, Object v) {
        out.append(tag).append(':').append(type).append(':');
        if (v instanceof String s) {
            CsvText.append(out, s);
        } else {
            out.append(v);
        }
        out.append('\n');
    }
}
