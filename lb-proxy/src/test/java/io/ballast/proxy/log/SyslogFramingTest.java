package io.ballast.proxy.log;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Headers as HAProxy 2.6.12 wrote them for {@code log udp@... [format f] local0} (captured, pid replaced). */
class SyslogFramingTest {

    private static final String MSG = "127.0.0.1:58900 [24/Nov/2026:00:07:49.117] fe_main be_web/s1 0/0/0/1/1 200 200 "
            + "- - ---- 1/1/0/0/0 0/0 \"GET /x?aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa HTTP/1.1\"";
    private static final Instant NOW = Instant.parse("2026-11-24T00:07:49.118917Z");
    private static final long PID = LogFormat.PID;

    @Test
    void eachFormat() {
        assertEquals("<134>Nov 24 00:07:49 haproxy[" + PID + "]: " + MSG + "\n", frame("local", 1024, 6));
        assertEquals("<134>Nov 24 00:07:49 localhost haproxy[" + PID + "]: " + MSG + "\n", frame("rfc3164", 1024, 6));
        assertEquals("<134>1 2026-11-24T00:07:49.118917+00:00 - haproxy " + PID + " - - " + MSG + "\n",
                frame("rfc5424", 1024, 6));
        assertEquals("<6>" + MSG + "\n", frame("short", 1024, 6));
        assertEquals(MSG + "\n", frame("raw", 1024, 6));
        assertEquals("<6>2026-11-24T00:07:49.118917+00:00 " + MSG + "\n", frame("timed", 1024, 6));
        assertEquals("2026-11-24T00:07:49.118917+00:00 " + MSG + "\n", frame("iso", 1024, 6));
        assertEquals("<134>" + MSG + "\n", frame("priority", 1024, 6));
    }

    @Test
    void lengthCutsHeaderAndMessageThenAddsNewline() {
        String pid = "haproxy[" + PID + "]: ";
        String full = "<134>Nov 24 00:07:49 " + pid + MSG;
        assertEquals(full.substring(0, 80) + "\n", frame("local", 80, 6));
    }

    @Test
    void priorityCombinesFacilityAndLevel() {
        assertEquals("<129>", frame("priority", 1024, Syslog.ALERT).substring(0, 5));
        assertEquals("<128>", frame("priority", 1024, Syslog.EMERG).substring(0, 5));
    }

    @Test
    void singleDigitDaysArePaddedWithASpace() {
        StringBuilder sb = new StringBuilder();
        new LogDates(ZoneOffset.UTC).appendHeaderDate(sb, Instant.parse("2026-11-04T01:02:03Z").toEpochMilli());
        assertEquals("Nov  4 01:02:03", sb.toString());
    }

    private static String frame(String format, int len, int level) {
        SyslogTarget t = new SyslogTarget(null, SyslogFormat.named(format), Syslog.facility("local0"), Syslog.DEBUG,
                Syslog.EMERG, len, LogOutputs.DEFAULT_TAG, new LongAdder());
        ByteBuffer b = t.frame(level, MSG, new LogScratch(ZoneOffset.UTC), NOW);
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
