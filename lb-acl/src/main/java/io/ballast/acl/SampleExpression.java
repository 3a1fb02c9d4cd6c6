package io.ballast.acl;

/** A compiled sample expression such as {@code req.hdr(host),lower,map(/etc/hosts.map,be_default)}. Thread-safe. */
public interface SampleExpression {

    /** The value as a string, or {@code null} when the fetch (or a converter) found nothing. */
    String evaluateString(SampleContext ctx);

    /** The expression as written. */
    String text();
}
