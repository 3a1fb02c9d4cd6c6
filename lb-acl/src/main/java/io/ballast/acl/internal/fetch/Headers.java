package io.ballast.acl.internal.fetch;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.sample.Sample;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;

/**
 * Header access shared by the request and response fetches, HAProxy's {@code http_find_header}: values are split
 * on commas outside double quotes (unless "full" lines are asked for) and trimmed of blanks. Works on the view's
 * strings in place: a value is a region of {@code headerValue(i)}.
 */
final class Headers {

    private Headers() {
    }

    static int count(SampleContext ctx, boolean response) {
        if (response) {
            ResponseView r = ctx.response();
            return r == null ? -1 : r.headerCount();
        }
        RequestView q = ctx.request();
        return q == null ? -1 : q.headerCount();
    }

    static String name(SampleContext ctx, boolean response, int i) {
        return response ? ctx.response().headerName(i) : ctx.request().headerName(i);
    }

    static String value(SampleContext ctx, boolean response, int i) {
        return response ? ctx.response().headerValue(i) : ctx.request().headerValue(i);
    }

    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** End (exclusive) of the comma-delimited value starting at {@code from}: the next comma outside quotes. */
    static int valueEnd(String v, int from) {
        boolean quoted = false;
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                return i;
            }
        }
        return v.length();
    }

    /** Sets the sample to v[from, to) without surrounding blanks. */
    static void setTrimmed(Sample smp, String v, int from, int to) {
        while (from < to && isBlank(v.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(v.charAt(to - 1))) {
            to--;
        }
        smp.setStr(v, from, to);
    }

    /**
     * The next value of header {@code name} (any header when {@code name} is null) at or after the position kept
     * in {@code smp.it0} (line) and {@code smp.it1} (offset in the line, -1 = line done).
     */
    static boolean next(SampleContext ctx, boolean response, String name, boolean full, Sample smp) {
        int n = count(ctx, response);
        for (int i = smp.it0; i < n; i++) {
            if (name != null && !name(ctx, response, i).equalsIgnoreCase(name)) {
                continue;
            }
            String v = value(ctx, response, i);
            int start = i == smp.it0 ? smp.it1 : 0;
            if (start < 0) {
                continue;
            }
            if (full) {
                setTrimmed(smp, v, 0, v.length());
                smp.it0 = i + 1;
                smp.it1 = 0;
                return true;
            }
            int end = valueEnd(v, start);
            setTrimmed(smp, v, start, end);
            if (end < v.length()) {
                smp.it0 = i;
                smp.it1 = end + 1;
            } else {
                smp.it0 = i + 1;
                smp.it1 = 0;
            }
            return true;
        }
        smp.it0 = Math.max(n, 0);
        return false;
    }

    /** The last value of header {@code name}. */
    static boolean last(SampleContext ctx, boolean response, String name, boolean full, Sample smp) {
        int n = count(ctx, response);
        for (int i = n - 1; i >= 0; i--) {
            if (!name(ctx, response, i).equalsIgnoreCase(name)) {
                continue;
            }
            String v = value(ctx, response, i);
            if (full) {
                setTrimmed(smp, v, 0, v.length());
                return true;
            }
            int start = 0;
            int end = valueEnd(v, 0);
            while (end < v.length()) {
                start = end + 1;
                end = valueEnd(v, start);
            }
            setTrimmed(smp, v, start, end);
            return true;
        }
        return false;
    }

    /** Number of values (or of lines when {@code full}) of header {@code name}; every header when name is null. */
    static int countValues(SampleContext ctx, boolean response, String name, boolean full) {
        int n = count(ctx, response);
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (name != null && !name(ctx, response, i).equalsIgnoreCase(name)) {
                continue;
            }
            if (full) {
                c++;
                continue;
            }
            String v = value(ctx, response, i);
            int end = valueEnd(v, 0);
            c++;
            while (end < v.length()) {
                end = valueEnd(v, end + 1);
                c++;
            }
        }
        return c;
    }

    /**
     * HAProxy's header fetch with an occurrence: 0 = every value when iterating (ACLs) or the last one otherwise,
     * positive = the n-th from the first, negative = the n-th from the last.
     */
    static boolean fetch(SampleContext ctx, boolean response, String name, int occ, boolean full, Sample smp) {
        if (name == null || count(ctx, response) < 0) {
            return false;
        }
        if (occ == 0 && !smp.iterate) {
            occ = -1;
        }
        if (occ == 0) {
            boolean found = next(ctx, response, name, full, smp);
            smp.more = found;
            return found;
        }
        if (occ == -1) {
            return last(ctx, response, name, full, smp);
        }
        if (occ < 0) {
            occ = countValues(ctx, response, name, full) + occ + 1;
            if (occ <= 0) {
                return false;
            }
        }
        for (int k = 0; k < occ; k++) {
            if (!next(ctx, response, name, full, smp)) {
                return false;
            }
        }
        return true;
    }
}
