package io.ballast.proxy.log;

import java.time.Instant;
import java.util.Locale;

/** The {@code format} of a {@code log} target: what goes before the message in each datagram or line. */
enum SyslogFormat {
    /** {@code <134>Nov 24 00:05:29 haproxy[3072]: } (RFC 3164 without hostname, the default). */
    LOCAL,
    /** {@code <134>Nov 24 00:05:29 localhost haproxy[3072]: }. */
    RFC3164,
    /** {@code <134>1 2026-11-24T00:07:49.118917+00:00 - haproxy 3072 - - }. */
    RFC5424,
    /** {@code <134>}. */
    PRIORITY,
    /** {@code <6>}: the level only, as systemd reads it. */
    SHORT,
    /** {@code <6>2026-11-24T00:07:49.118938+00:00 }. */
    TIMED,
    /** {@code 2026-11-24T00:07:49.118943+00:00 }. */
    ISO,
    /** Nothing. */
    RAW;

    /** RFC 3164's hostname: HAProxy 2.6 writes {@code localhost} unless {@code log-send-hostname} is set. */
    private static final String RFC3164_HOST = "localhost";

    /** The format called {@code name} in a {@code log} line. */
    static SyslogFormat named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * Appends the header.
     *
     * @param pri   facility * 8 + level
     * @param level the severity
     * @param tag   the program name ({@code log-tag})
     * @param now   the time of sending
     */
    void header(StringBuilder sb, int pri, int level, String tag, Instant now, LogDates dates) {
        switch (this) {
            case LOCAL, RFC3164 -> {
                sb.append('<').append(pri).append('>');
                dates.appendHeaderDate(sb, now.toEpochMilli());
                sb.append(' ');
                if (this == RFC3164) {
                    sb.append(RFC3164_HOST).append(' ');
                }
                sb.append(tag).append('[').append(LogFormat.PID).append("]: ");
            }
            case RFC5424 -> {
                sb.append('<').append(pri).append(">1 ");
                dates.appendIsoDate(sb, now);
                sb.append(" - ").append(tag).append(' ').append(LogFormat.PID).append(" - - ");
            }
            case PRIORITY -> sb.append('<').append(pri).append('>');
            case SHORT -> sb.append('<').append(level).append('>');
            case TIMED -> {
                sb.append('<').append(level).append('>');
                dates.appendIsoDate(sb, now);
                sb.append(' ');
            }
            case ISO -> {
                dates.appendIsoDate(sb, now);
                sb.append(' ');
            }
            case RAW -> {
                // the message alone
            }
        }
    }
}
