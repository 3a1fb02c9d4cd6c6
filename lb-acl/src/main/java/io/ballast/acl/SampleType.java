package io.ballast.acl;

/** The type of a sample, which decides the default match method of an ACL using it (as in HAProxy). */
public enum SampleType {
    /** true/false; default match {@code bool}. */
    BOOLEAN,
    /** A 64-bit signed integer; default match {@code int}. */
    INTEGER,
    /** An IPv4 or IPv6 address; default match {@code ip}. */
    ADDRESS,
    /** A string; default match {@code str}. */
    STRING,
    /** Decided at run time (like {@code var()}); ACLs must say {@code -m}. */
    ANY
}
