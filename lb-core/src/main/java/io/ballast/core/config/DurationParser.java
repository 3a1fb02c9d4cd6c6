package io.ballast.core.config;

/**
 * Parses HAProxy time values (cfg §2.5): an integer followed by an optional unit {@code us}, {@code ms}
 * (the default), {@code s}, {@code m}, {@code h} or {@code d}. The result is in milliseconds and at most
 * 2147483647 ({@code timer overflow} otherwise). Microseconds are rounded up to the next millisecond.
 */
public final class DurationParser {

    /** The largest time HAProxy accepts, in ms (about 24.8 days). */
    static final long MAX_MS = Integer.MAX_VALUE;

    private DurationParser() {
    }

    /**
     * @param text    the value as written
     * @param keyword the keyword, for messages
     * @return milliseconds
     * @throws IllegalArgumentException with a message naming the keyword and what was expected
     */
    public static long parse(String text, String keyword) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("'" + keyword + "' expects a time like 5s or 500ms");
        }
        int i = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + keyword + "' expects a time like 5s or 500ms, not '" + text + "'");
        }
        String unit = text.substring(i);
        long factorNum;
        long factorDen = 1;
        switch (unit) {
            case "", "ms" -> factorNum = 1;
            case "us" -> {
                factorNum = 1;
                factorDen = 1000;
            }
            case "s" -> factorNum = 1000;
            case "m" -> factorNum = 60_000;
            case "h" -> factorNum = 3_600_000;
            case "d" -> factorNum = 86_400_000;
            default -> throw new IllegalArgumentException("unexpected character '" + unit.charAt(0) + "' in '"
                    + keyword + "': it expects a time like 5s or 500ms (an integer, units us, ms, s, m, h, d), not '"
                    + text + "'");
        }
        String digits = text.substring(0, i);
        if (digits.length() > 12) {
            throw overflow(text, keyword);
        }
        long value = Long.parseLong(digits);
        long ms = (value * factorNum + factorDen - 1) / factorDen;
        if (ms > MAX_MS) {
            throw overflow(text, keyword);
        }
        return ms;
    }

    private static IllegalArgumentException overflow(String text, String keyword) {
        return new IllegalArgumentException("timer overflow in argument '" + text + "' to '" + keyword
                + "' (maximum value is 2147483647 ms or ~24.8 days)");
    }
}
