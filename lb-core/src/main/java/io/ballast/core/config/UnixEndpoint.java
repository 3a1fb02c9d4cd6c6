package io.ballast.core.config;

/**
 * A UNIX domain socket path ({@code unix@/run/app.sock}, or an absolute path alone).
 *
 * @param text the address as written
 * @param path the socket's file system path
 */
public record UnixEndpoint(String text, String path) implements Endpoint {
}
