package io.ballast.proxy.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The date forms of HAProxy's logs, each formatted once per second and then copied: one instance per thread.
 * Times are in {@link #zone} (HAProxy's local time) unless the method says GMT.
 */
final class LogDates {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    private final ZoneId zone;
    private final Cached log = new Cached();
    private final Cached gmt = new Cached();
    private final Cached local = new Cached();
    private final Cached header = new Cached();
    private final Cached iso = new Cached();

    LogDates(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code %t}: {@code 24/Nov/2026:00:05:29.498}, local time. */
    void appendLogDate(StringBuilder sb, long epochMillis) {
        long sec = Math.floorDiv(epochMillis, 1000);
        if (log.second != sec) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, offset(sec));
            log.set(sec, dayMonthYearTime(new StringBuilder(24), t).toString());
        }
        sb.append(log.text).append('.');
        pad(sb, (int) Math.floorMod(epochMillis, 1000), 3);
    }

    /** {@code %trg}, {@code %T}: {@code 24/Nov/2026:00:05:38 +0000}. */
    void appendGmtDate(StringBuilder sb, long epochMillis) {
        long sec = Math.floorDiv(epochMillis, 1000);
        if (gmt.second != sec) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, ZoneOffset.UTC);
            gmt.set(sec, dayMonthYearTime(new StringBuilder(28), t).append(" +0000").toString());
        }
        sb.append(gmt.text);
    }

    /** {@code %trl}, {@code %Tl}: {@code 24/Nov/2026:01:05:38 +0100}, local time. */
    void appendLocalDate(StringBuilder sb, long epochMillis) {
        long sec = Math.floorDiv(epochMillis, 1000);
        if (local.second != sec) {
            ZoneOffset off = offset(sec);
            StringBuilder s = dayMonthYearTime(new StringBuilder(28), LocalDateTime.ofEpochSecond(sec, 0, off));
            int minutes = off.getTotalSeconds() / 60;
            s.append(' ').append(minutes < 0 ? '-' : '+');
            pad(s, Math.abs(minutes) / 60, 2);
            pad(s, Math.abs(minutes) % 60, 2);
            local.set(sec, s.toString());
        }
        sb.append(local.text);
    }

    /** The RFC 3164 header date {@code Nov  4 00:07:49}, local time, day padded with a space. */
    void appendHeaderDate(StringBuilder sb, long epochMillis) {
        long sec = Math.floorDiv(epochMillis, 1000);
        if (header.second != sec) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, offset(sec));
            StringBuilder s = new StringBuilder(16).append(MONTHS[t.getMonthValue() - 1]).append(' ');
            if (t.getDayOfMonth() < 10) {
                s.append(' ');
            }
            s.append(t.getDayOfMonth()).append(' ');
            time(s, t);
            header.set(sec, s.toString());
        }
        sb.append(header.text);
    }

    /** The RFC 5424 date {@code 2026-11-24T00:07:49.118917+00:00}, local time. */
    void appendIsoDate(StringBuilder sb, Instant now) {
        long sec = now.getEpochSecond();
        if (iso.second != sec) {
            ZoneOffset off = offset(sec);
            LocalDateTime t = LocalDateTime.ofEpochSecond(sec, 0, off);
            StringBuilder s = new StringBuilder(20);
            pad(s, t.getYear(), 4);
            s.append('-');
            pad(s, t.getMonthValue(), 2);
            s.append('-');
            pad(s, t.getDayOfMonth(), 2);
            s.append('T');
            time(s, t);
            iso.set(sec, s.toString());
            int minutes = off.getTotalSeconds() / 60;
            StringBuilder o = new StringBuilder(6).append(minutes < 0 ? '-' : '+');
            pad(o, Math.abs(minutes) / 60, 2);
            o.append(':');
            pad(o, Math.abs(minutes) % 60, 2);
            iso.suffix = o.toString();
        }
        sb.append(iso.text).append('.');
        pad(sb, now.getNano() / 1000, 6);
        sb.append(iso.suffix);
    }

    private ZoneOffset offset(long epochSecond) {
        return zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond));
    }

    private static StringBuilder dayMonthYearTime(StringBuilder s, LocalDateTime t) {
        pad(s, t.getDayOfMonth(), 2);
        s.append('/').append(MONTHS[t.getMonthValue() - 1]).append('/');
        pad(s, t.getYear(), 4);
        s.append(':');
        time(s, t);
        return s;
    }

    private static void time(StringBuilder s, LocalDateTime t) {
        pad(s, t.getHour(), 2);
        s.append(':');
        pad(s, t.getMinute(), 2);
        s.append(':');
        pad(s, t.getSecond(), 2);
    }

    /** Appends {@code v} with leading zeros to {@code width} digits. */
    static void pad(StringBuilder sb, int v, int width) {
        for (int limit = 10, i = 1; i < width; i++, limit *= 10) {
            if (v < limit) {
                sb.append('0');
            }
        }
        sb.append(v);
    }

    /** One cached form: the second it was formatted for, and the text. */
    private static final class Cached {
        long second = Long.MIN_VALUE;
        String text;
        String suffix;

        void set(long sec, String s) {
            second = sec;
            text = s;
        }
    }
}
