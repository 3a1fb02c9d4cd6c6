package io.ballast.proxy.log;

import io.netty.util.concurrent.FastThreadLocal;

import java.nio.ByteBuffer;
import java.time.ZoneId;

/**
 * The buffers one thread reuses to write log lines: the message, the header, the encoded datagram, the date caches.
 * Nothing here outlives a call: sinks copy {@link #datagram} before returning.
 */
final class LogScratch {

    /** The largest {@code len} a {@code log} line accepts, plus the final newline. */
    static final int MAX_DATAGRAM = 65536;

    private static final FastThreadLocal<LogScratch> CURRENT = new FastThreadLocal<>() {
        @Override
        protected LogScratch initialValue() {
            return new LogScratch(ZoneId.systemDefault());
        }
    };

    final StringBuilder message = new StringBuilder(512);
    final StringBuilder header = new StringBuilder(96);
    final ByteBuffer datagram = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    final LogDates dates;

    LogScratch(ZoneId zone) {
        dates = new LogDates(zone);
    }

    /** This thread's scratch. */
    static LogScratch current() {
        return CURRENT.get();
    }
}
