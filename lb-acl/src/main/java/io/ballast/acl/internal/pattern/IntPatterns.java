package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.Sample;

/** Integer ranges ({@code -m int}) or length ranges ({@code -m len}), tried in order. */
final class IntPatterns extends PatternSet {

    private final long[] mins;
    private final long[] maxs;
    private final boolean length;

    IntPatterns(long[] mins, long[] maxs, boolean length) {
        super(length ? Sample.STR : Sample.SINT);
        this.mins = mins;
        this.maxs = maxs;
        this.length = length;
    }

    @Override
    protected int matchCast(Sample smp) {
        long v = length ? smp.len : smp.num;
        for (int i = 0; i < mins.length; i++) {
            if (mins[i] <= v && v <= maxs[i]) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return mins.length;
    }

    /**
     * HAProxy's {@code pat_parse_int}: {@code n}, {@code a:b}, {@code :b} or {@code a:} as {min, max}.
     */
    static long[] parseRange(String text) throws PatternException {
        int colon = text.indexOf(':');
        if (colon < 0) {
            long v = parseNumber(text, text);
            return new long[] {v, v};
        }
        String a = text.substring(0, colon);
        String b = text.substring(colon + 1);
        try {
            long min = a.isEmpty() ? Long.MIN_VALUE : parseNumber(a, text);
            long max = b.isEmpty() ? Long.MAX_VALUE : parseNumber(b, text);
            if (a.isEmpty() && b.isEmpty()) {
                throw new PatternException("");
            }
            return new long[] {min, max};
        } catch (PatternException e) {
            throw new PatternException("'" + text + "' is not a valid number range.");
        }
    }

    private static long parseNumber(String s, String whole) throws PatternException {
        try {
            if (s.isEmpty() || s.startsWith("+")) {
                throw new NumberFormatException();
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new PatternException("'" + whole + "' is not a number.");
        }
    }
}
