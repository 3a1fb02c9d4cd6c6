package io.ballast.proxy.stats;

import java.util.List;

/**
 * {@code show info} as HAProxy writes it: one {@code Name: value} line per field, in the order given, leaving out
 * fields without a value. The runtime API adds its own empty line after the output.
 */
public final class InfoText {

    private InfoText() {
    }

    /** The lines for {@code fields}, each ending with {@code \n}. */
    public static String format(List<StatsSource.InfoField> fields) {
        StringBuilder out = new StringBuilder(fields.size() * 24);
        for (StatsSource.InfoField f : fields) {
            if (f.value() != null) {
                out.append(f.name()).append(": ").append(f.value()).append('\n');
            }
        }
        return out.toString();
    }
}
