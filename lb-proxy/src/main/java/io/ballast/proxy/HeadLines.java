package io.ballast.proxy;

/**
 * The header names and values of a parsed head as strings, each made on first use and kept: ACL fetches scan the
 * header lines once per condition, and must not make the same strings again each time.
 */
final class HeadLines {

    private final HttpHead head;
    private String[] names;
    private String[] values;

    HeadLines(HttpHead head) {
        this.head = head;
    }

    String name(int i) {
        if (names == null) {
            names = new String[head.headerCount()];
        }
        String n = names[i];
        return n != null ? n : (names[i] = head.string(head.nameStart(i), head.nameEnd(i)));
    }

    String value(int i) {
        if (values == null) {
            values = new String[head.headerCount()];
        }
        String v = values[i];
        return v != null ? v : (values[i] = head.string(head.valueStart(i), head.valueEnd(i)));
    }
}
