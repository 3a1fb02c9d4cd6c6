package io.ballast.core.config;

/**
 * An address as written in a {@code bind} or {@code server} line, in any of HAProxy's forms:
 * {@code *:80}, {@code :80}, {@code [::]:80}, {@code ipv4@host:port}, {@code ipv6@host:port},
 * {@code unix@/path} and {@code fd@<n>}.
 */
public sealed interface Endpoint permits InetEndpoint, UnixEndpoint, FdEndpoint {

    /** How the address was written, for messages and logs. */
    String text();
}
