package io.ballast.core.config;

/**
 * {@code option forwardfor [except <net>] [header <name>] [if-none]}: append the client address in a request header.
 *
 * @param header the header name, {@code X-Forwarded-For} by default
 * @param except a network ({@code 127.0.0.0/8}) whose clients get no header, or {@code null}
 * @param ifNone add the header only when the request has none
 */
public record ForwardFor(String header, String except, boolean ifNone) {

    /** The default header name. */
    public static final String DEFAULT_HEADER = "X-Forwarded-For";
}
