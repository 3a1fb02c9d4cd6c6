package io.ballast.core.config;

import java.util.List;

/**
 * A backend's active check method (cfg §4.2 {@code option httpchk}, {@code http-check}, {@code option tcp-check},
 * {@code tcp-check}, {@code option redis-check|mysql-check|pgsql-check|smtpchk|ldap-check|ssl-hello-chk}).
 * Servers with {@code check} are checked this way; without any option the check is a plain connect.
 *
 * @param type        the check method
 * @param rules       the steps of an HTTP or TCP check in order; empty for the other methods, and for an HTTP check
 *                    written without {@code http-check send} the defaults apply (OPTIONS / HTTP/1.0)
 * @param disableOn404 {@code http-check disable-on-404}: a 404 answer puts the server in NOLB
 * @param protocol    the arguments of a built-in protocol check ({@link ProtocolArgs#NONE} for the others)
 * @param location    where the check method was chosen, or {@code null} for the default
 */
public record HealthCheckConfig(CheckType type, List<CheckRule> rules, boolean disableOn404,
                                ProtocolArgs protocol, SourceLocation location) {

    /** The check method. */
    public enum CheckType {
        /** A layer-4 connect (the default). */
        CONNECT,
        /** {@code option httpchk}. */
        HTTP,
        /** {@code option tcp-check}. */
        TCP,
        /** {@code option redis-check}: {@code PING}, expecting {@code +PONG}. */
        REDIS,
        /** {@code option mysql-check}: the server's greeting, then a login and {@code QUIT} when a user is given. */
        MYSQL,
        /** {@code option pgsql-check}: a startup message, expecting an authentication request. */
        PGSQL,
        /** {@code option smtpchk}: a 2xx greeting, then {@code HELO}/{@code EHLO} answered with 2xx. */
        SMTP,
        /** {@code option ldap-check}: an anonymous LDAPv3 bind, expecting result code 0. */
        LDAP,
        /** {@code option ssl-hello-chk}: an SSLv3 ClientHello, expecting a handshake or alert record. */
        SSL_HELLO
    }

    /**
     * The arguments of the protocol check options.
     *
     * @param user        the user of {@code mysql-check user} or {@code pgsql-check user}, or {@code null}
     * @param mysqlPre41  {@code mysql-check user <name> pre-41}: the pre-4.1 login packet
     * @param smtpCommand the command {@code smtpchk} sends ({@code HELO localhost} unless given)
     */
    public record ProtocolArgs(String user, boolean mysqlPre41, String smtpCommand) {

        /** No arguments. */
        public static final ProtocolArgs NONE = new ProtocolArgs(null, false, "HELO localhost");
    }

    /** A plain connect check. */
    public static final HealthCheckConfig CONNECT = new HealthCheckConfig(CheckType.CONNECT, List.of(), false,
            ProtocolArgs.NONE, null);

    /** Copies the rule list. */
    public HealthCheckConfig {
        rules = List.copyOf(rules);
    }
}
