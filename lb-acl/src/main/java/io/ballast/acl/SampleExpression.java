package io.ballast.acl;

/** A compiled sample expression such as {@code req.hdr(host),lower,map(/etc/hosts.map,be_default)}. Thread-safe. */
public interface SampleExpression {

    /** The value as a string, or {@code null} when the fetch (or a converter) found nothing. */
    String evaluateString(SampleContext ctx);

    /**
     * The value as HAProxy's cast to binary gives it, as {@code balance hash} hashes it: a string as the bytes it
     * stands for (see {@link io.ballast.core.balance.KeyedHash#bytes}), an integer or boolean as 8 big-endian bytes,
     * an address as its 4 or 16 bytes in network order.
     *
     * @return the bytes, or {@code null} when the fetch (or a converter) found nothing
     */
    byte[] evaluateBinary(SampleContext ctx);

    /** The expression as written. */
    String text();
}
