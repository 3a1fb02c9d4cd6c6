package io.ballast.acl;

/** A compiled log-format-style string such as {@code https://%[hdr(host)]%[path]}. Thread-safe. */
public interface StringTemplate {

    /** Renders the string; a sample that finds nothing renders as an empty string, as in HAProxy. */
    String render(SampleContext ctx);

    /** Whether the template has no {@code %[...]} part, i.e. always renders the same string. */
    boolean isConstant();

    /** The format as written. */
    String text();
}
