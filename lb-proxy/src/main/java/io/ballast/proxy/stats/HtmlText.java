package io.ballast.proxy.stats;

/** How HAProxy's stats page writes text and numbers: escaped text, grouped digits, short durations. */
final class HtmlText {

    private static final String SPAN = "<span class=\"rls\">";

    private HtmlText() {
    }

    /** {@code text} with {@code & < > " '} escaped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A number with its thousands made visible as HAProxy does ({@code ulltoh}): the last digit of each group of
     * thousands is wrapped in a letter-spaced span, {@code 28630} becoming {@code 2<span class="rls">8</span>630}.
     */
    static String digits(long n) {
        String s = Long.toString(n);
        StringBuilder out = new StringBuilder(s.length() + 32);
        for (int i = 0; i < s.length(); i++) {
            int fromRight = s.length() - 1 - i;
            if (fromRight > 0 && fromRight % 3 == 0 && Character.isDigit(s.charAt(i))) {
                out.append(SPAN).append(s.charAt(i)).append("</span>");
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /** A row's number with {@link #digits}, or nothing when the column is empty. */
    static String digits(StatsRow row, StatField field) {
        Object v = row.value(field);
        return v instanceof Long n ? digits(n) : "";
    }

    /** A limit: {@code unset} when the column is empty or 0, else the number. */
    static String limit(StatsRow row, StatField field, String unset) {
        long v = row.number(field, 0);
        return v == 0 ? unset : Long.toString(v);
    }

    /** A row's duration column as {@link HumanTime} writes it, or {@code ?} when it is empty. */
    static String duration(StatsRow row, StatField field) {
        return HumanTime.of(row.number(field, -1));
    }
}
