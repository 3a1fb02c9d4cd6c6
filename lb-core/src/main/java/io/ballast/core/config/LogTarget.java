package io.ballast.core.config;

/**
 * A {@code log <target> [len <n>] [format <f>] <facility> [<level> [<minlevel>]]} line, or {@code log global}.
 *
 * @param target   where to send: {@code /dev/log}, {@code 127.0.0.1:514}, {@code stdout}, {@code stderr}...
 * @param facility the syslog facility ({@code local0}...)
 * @param level    the highest level sent, {@code null} for all
 * @param location where the line was written
 */
public record LogTarget(String target, String facility, String level, SourceLocation location) {
}
