package io.ballast.core.config;

/**
 * An already bound and listening socket inherited from the parent process ({@code fd@3},
 * {@code fd@${LISTEN_FD}}), as with systemd socket activation.
 *
 * @param text the address as written
 * @param fd   the inherited file descriptor number
 */
public record FdEndpoint(String text, int fd) implements Endpoint {
}
