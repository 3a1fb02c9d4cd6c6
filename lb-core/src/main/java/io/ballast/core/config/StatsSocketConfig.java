package io.ballast.core.config;

import java.util.Objects;

/**
 * A {@code stats socket <address> [level <level>] [mode <octal>] [user <name>] [group <name>] [uid <n>] [gid <n>]}
 * line of the {@code global} section: where the runtime API listens and what it lets its clients do.
 *
 * @param endpoint where to listen: a UNIX socket path ({@link UnixEndpoint}) or a TCP address ({@link InetEndpoint})
 * @param level    the highest command level its sessions start with ({@link Level#OPERATOR} unless set)
 * @param mode     the UNIX socket file's permission bits (as {@code 0660}), or -1 to leave them to the umask
 * @param user     the owner to give the UNIX socket file, a user name or a numeric uid, or {@code null}
 * @param group    the group to give the UNIX socket file, a group name or a numeric gid, or {@code null}
 * @param exposeFdListeners {@code expose-fd listeners}: a new process started with {@code -x} (or {@code -sf} and
 *                 this socket) may take the listening sockets over through it, so that no connection is refused
 *                 during the hand-over
 * @param location where the line was written
 */
public record StatsSocketConfig(Endpoint endpoint, Level level, int mode, String user, String group,
                                boolean exposeFdListeners, SourceLocation location) {

    /** Checks that the endpoint and level are set and the mode is a permission mask. */
    public StatsSocketConfig {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(level, "level");
        if (mode < -1 || mode > 07777) {
            throw new IllegalArgumentException("mode must be -1 or within 0 and 07777, not " + mode);
        }
    }

    /**
     * What a runtime API session may do, from least to most privileged. A command above the session's level is
     * refused with HAProxy's {@code Permission denied}.
     */
    public enum Level {
        /** Read non-sensitive figures only ({@code show stat}, {@code show info}); no change. */
        USER,
        /** Read everything and make non-sensitive changes ({@code clear counters}); HAProxy's default. */
        OPERATOR,
        /** Everything, server state and weight changes included. */
        ADMIN;

        /** The level's name as written in the configuration and shown by {@code show cli level}. */
        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
