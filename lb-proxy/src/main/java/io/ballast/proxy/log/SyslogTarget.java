package io.ballast.proxy.log;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@code log} line made usable: frames messages as its {@code format} says, filters and caps their levels,
 * truncates them to {@code len} bytes and hands them to its sink.
 */
final class SyslogTarget {

    private final LogSink sink;
    private final SyslogFormat format;
    private final int facility;
    private final int maxLevel;
    private final int minLevel;
    private final int length;
    private final String tag;
    private final LongAdder dropped;

    /**
     * @param maxLevel the least severe level sent ({@link Syslog#DEBUG} for all)
     * @param minLevel more severe levels are sent at this one ({@link Syslog#EMERG} for no cap)
     * @param length   the longest line in bytes, header included and final newline excluded
     * @param dropped  counts lines the sink could not take
     */
    SyslogTarget(LogSink sink, SyslogFormat format, int facility, int maxLevel, int minLevel, int length, String tag,
                 LongAdder dropped) {
        this.sink = sink;
        this.format = format;
        this.facility = facility;
        this.maxLevel = maxLevel;
        this.minLevel = minLevel;
        this.length = length;
        this.tag = tag;
        this.dropped = dropped;
    }

    /** Frames and sends {@code message} at {@code level}, unless the target filters it out. */
    void send(int level, CharSequence message, LogScratch scratch) {
        if (level > maxLevel) {
            return;
        }
        ByteBuffer line = frame(Math.max(level, minLevel), message, scratch, Instant.now());
        if (!sink.send(line)) {
            dropped.increment();
        }
    }

    /** Writes header, message (cut at {@code len}) and newline into {@code scratch.datagram}, ready to read. */
    ByteBuffer frame(int level, CharSequence message, LogScratch scratch, Instant now) {
        StringBuilder header = scratch.header;
        header.setLength(0);
        format.header(header, facility * 8 + level, level, tag, now, scratch.dates);
        ByteBuffer out = scratch.datagram;
        out.clear();
        int room = put(out, header, length);
        put(out, message, room);
        out.put((byte) '\n');
        return out.flip();
    }

    /** Puts at most {@code max} chars of {@code s} as bytes (their low byte); returns the room left. */
    private static int put(ByteBuffer out, CharSequence s, int max) {
        int n = Math.min(max, s.length());
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            out.put(c < 256 ? (byte) c : (byte) '?');
        }
        return max - n;
    }
}
