package io.ballast.core.config;

import java.util.List;

/**
 * A {@code log <target> [len <n>] [format <f>] <facility> [<level> [<minlevel>]]} line.
 *
 * @param target   where to send: {@code /dev/log}, {@code 127.0.0.1:514}, {@code stdout}, {@code stderr}...
 * @param format   the syslog framing: {@code local} (the default), {@code rfc3164}, {@code rfc5424},
 *                 {@code short}, {@code raw}, {@code timed}, {@code iso} or {@code priority}
 * @param length   the longest line sent, header included (default {@value #DEFAULT_LENGTH})
 * @param facility the syslog facility ({@code local0}...)
 * @param level    the highest level sent, {@code null} for all
 * @param minLevel the lowest level sent, {@code null} for all
 * @param location where the line was written
 * @param tag      the program name in the syslog header: the proxy's {@code log-tag}, or {@code null} for the global
 *                 one
 */
public record LogTarget(String target, String format, int length, String facility, String level, String minLevel,
                        SourceLocation location, String tag) {

    /** HAProxy's default line length. */
    public static final int DEFAULT_LENGTH = 1024;
    /** The syslog facility names, in the order of their codes (RFC 5424 §6.2.1): {@code local0} is 16. */
    public static final List<String> FACILITIES = List.of("kern", "user", "mail", "daemon", "auth", "syslog", "lpr",
            "news", "uucp", "cron", "auth2", "ftp", "ntp", "audit", "alert", "cron2", "local0", "local1", "local2",
            "local3", "local4", "local5", "local6", "local7");
    /** The syslog severity names, in the order of their codes: {@code info} is 6. */
    public static final List<String> LEVELS = List.of("emerg", "alert", "crit", "err", "warning", "notice", "info",
            "debug");

    /** A target with the global {@code log-tag}. */
    public LogTarget(String target, String format, int length, String facility, String level, String minLevel,
                     SourceLocation location) {
        this(target, format, length, facility, level, minLevel, location, null);
    }

    /** This target, its lines tagged {@code newTag} (a proxy's {@code log-tag}). */
    public LogTarget withTag(String newTag) {
        return new LogTarget(target, format, length, facility, level, minLevel, location, newTag);
    }

    /** A target with the default format and length and no minimum level. */
    public LogTarget(String target, String facility, String level, SourceLocation location) {
        this(target, "local", DEFAULT_LENGTH, facility, level, null, location);
    }
}
