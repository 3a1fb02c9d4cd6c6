package io.ballast.proxy.stats;

/**
 * HAProxy's quoting of text values in the CSV and typed outputs ({@code csv_enc}): a value holding a comma, a double
 * quote or a line break is written between double quotes with its quotes doubled; line breaks become spaces so that
 * each object stays on one line.
 */
final class CsvText {

    private CsvText() {
    }

    /** Appends {@code value}, quoted when it must be. */
    static void append(StringBuilder out, String value) {
        boolean quote = false;
        for (int i = 0; i < value.length() && !quote; i++) {
            char c = value.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\"\"");
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        out.append('"');
    }
}
