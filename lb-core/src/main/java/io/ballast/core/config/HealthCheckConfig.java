package io.ballast.core.config;

import java.util.List;

/**
 * A backend's active check method (cfg §4.2 {@code option httpchk}, {@code http-check}, {@code option tcp-check},
 * {@code tcp-check}, {@code option redis-check}). Servers with {@code check} are checked
 * this way; without any option the check is a plain connect.
 *
 * @param type        the check method
 * @param rules       the steps of an HTTP or TCP check in order; empty for the other methods, and for an HTTP check
 *                    written without {@code http-check send} the defaults apply (OPTIONS / HTTP/1.0)
 * @param disableOn404 {@code http-check disable-on-404}: a 404 answer puts the server in NOLB
 * @param location    where the check method was chosen, or {@code null} for the default
 */
public record HealthCheckConfig(CheckType type, List<CheckRule> rules, boolean disableOn404,
                                SourceLocation location) {

    /** The check method. */
    public enum CheckType {
        /** A layer-4 connect (the default). */
        CONNECT,
        /** {@code option httpchk}. */
        HTTP,
        /** {@code option tcp-check}. */
        TCP,
        /** {@code option redis-check}: {@code PING}, expecting {@code +PONG}. */
        REDIS
    }

    /** A plain connect check. */
    public static final HealthCheckConfig CONNECT = new HealthCheckConfig(CheckType.CONNECT, List.of(), false, null);

    /** Copies the rule list. */
    public HealthCheckConfig {
        rules = List.copyOf(rules);
    }
}
