package io.ballast.core;

/** Ballast's version, and the HAProxy version whose configuration language it follows. */
public final class Version {

    /** Ballast's own version. */
    public static final String BALLAST = "0.1.0";

    /** The HAProxy release whose configuration language and behaviour Ballast matches. */
    public static final String HAPROXY_COMPATIBLE = "2.6.12";

    private Version() {
    }
}
