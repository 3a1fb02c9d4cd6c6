package io.ballast.proxy.log;

import io.ballast.core.config.LogFormats;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.ZoneOffset;

import static io.ballast.proxy.log.Exchanges.accepted;
import static io.ballast.proxy.log.Exchanges.ms;
import static io.ballast.proxy.log.Exchanges.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each expected line was written by HAProxy 2.6.12 for the same exchange; compared field by field. */
class LogFormatTest {

    private static final LogFormat HTTPLOG = LogFormatParser.compile(LogFormats.HTTPLOG);
    private static final LogFormat TCPLOG = LogFormatParser.compile(LogFormats.TCPLOG);

    @Test
    void ok200() {
        ExchangeLog x = request(accepted("fe_main", "00:05:29.498", 33362, 18100), "GET", "/x", 78);
        x.route("be_web", "s1");
        x.leftQueue(0);
        x.serverConnected(0);
        x.responseReceived(ms(5), 200);
        x.addBytesToClient(200);
        x.counters(1, 1, 0, 0);
        x.closed(ms(5));
        assertLine("127.0.0.1:33362 [24/Nov/2026:00:05:29.498] fe_main be_web/s1 0/0/0/5/5 200 200 - - ---- "
                + "1/1/0/0/0 0/0 \"GET /x HTTP/1.1\"", HTTPLOG, x);
    }

    @Test
    void noServer503() {
        ExchangeLog x = request(accepted("fe_main", "00:05:29.523", 33382, 18100), "GET", "/none", 80);
        x.route("be_none", null);
        x.status(503);
        x.addBytesToClient(217);
        x.terminated('S', 'C');
        x.counters(1, 1, 0, 0);
        x.closed(0);
        assertLine("127.0.0.1:33382 [24/Nov/2026:00:05:29.523] fe_main be_none/<NOSRV> 0/-1/-1/-1/0 503 217 - - SC-- "
                + "1/1/0/0/0 0/0 \"GET /none HTTP/1.1\"", HTTPLOG, x);
    }

    @Test
    void refused503AfterRetries() {
        ExchangeLog x = request(accepted("fe_main", "00:05:29.532", 33388, 18100), "GET", "/refused", 80);
        x.route("be_refused", "r1");
        x.leftQueue(0);
        x.retries(3, false);
        x.status(503);
        x.addBytesToClient(217);
        x.terminated('S', 'C');
        x.counters(1, 1, 0, 0);
        x.closed(ms(3004));
        assertLine("127.0.0.1:33388 [24/Nov/2026:00:05:29.532] fe_main be_refused/r1 0/0/-1/-1/3004 503 217 - - SC-- "
                + "1/1/0/0/3 0/0 \"GET /refused HTTP/1.1\"", HTTPLOG, x);
    }

    @Test
    void serverTimeout504() {
        ExchangeLog x = request(accepted("fe_main", "00:05:32.548", 33402, 18100), "GET", "/hole", 80);
        x.route("be_hole", "h1");
        x.leftQueue(0);
        x.serverConnected(0);
        x.status(504);
        x.addBytesToClient(198);
        x.terminated('s', 'H');
        x.counters(1, 1, 0, 0);
        x.closed(ms(702));
        assertLine("127.0.0.1:33402 [24/Nov/2026:00:05:32.548] fe_main be_hole/h1 0/0/0/-1/702 504 198 - - sH-- "
                + "1/1/0/0/0 0/0 \"GET /hole HTTP/1.1\"", HTTPLOG, x);
    }

    @Test
    void clientAbortDuringData() {
        ExchangeLog x = request(accepted("fe_ab", "00:06:32.572", 53168, 18104), "GET", "/s", 80);
        x.route("be_stream", "st1");
        x.leftQueue(0);
        x.serverConnected(0);
        x.responseReceived(0, 200);
        x.addBytesToClient(754);
        x.terminated('C', 'D');
        x.counters(2, 2, 0, 0);
        x.closed(ms(301));
        assertLine("127.0.0.1:53168 [24/Nov/2026:00:06:32.572] fe_ab be_stream/st1 0/0/0/0/301 200 754 - - CD-- "
                + "2/2/0/0/0 0/0 \"GET /s HTTP/1.1\"", HTTPLOG, x);
    }

    @Test
    void clientAbortBeforeResponse() {
        ExchangeLog x = request(accepted("fe_ab", "00:06:33.173", 53186, 18104), "POST", "/hole", 90);
        x.route("be_hole2", "h2");
        x.leftQueue(0);
        x.serverConnected(0);
        x.terminated('C', 'D');
        x.counters(3, 2, 1, 1);
        x.closed(ms(301));
        assertLine("127.0.0.1:53186 [24/Nov/2026:00:06:33.173] fe_ab be_hole2/h2 0/0/0/-1/301 -1 0 - - CD-- "
                + "3/2/1/1/0 0/0 \"POST /hole HTTP/1.1\"", HTTPLOG, x);
    }

    @Test
    void abortedRequestHeaders() {
        ExchangeLog x = accepted("fe_main", "00:05:34.619", 33462, 18100);
        x.requestStarted(0);
        x.addBytesFromClient(9);
        x.route("fe_main", null);
        x.status(400);
        x.terminated('C', 'R');
        x.counters(2, 2, 0, 0);
        x.closed(ms(200));
        assertLine("127.0.0.1:33462 [24/Nov/2026:00:05:34.619] fe_main fe_main/<NOSRV> -1/-1/-1/-1/200 400 0 - - CR-- "
                + "2/2/0/0/0 0/0 \"<BADREQ>\"", HTTPLOG, x);
    }

    @Test
    void requestTimeout408() {
        ExchangeLog x = accepted("fe_main", "00:05:34.820", 33470, 18100);
        x.requestStarted(0);
        x.route("fe_main", null);
        x.status(408);
        x.terminated('c', 'R');
        x.counters(1, 1, 0, 0);
        x.closed(ms(2001));
        assertLine("127.0.0.1:33470 [24/Nov/2026:00:05:34.820] fe_main fe_main/<NOSRV> -1/-1/-1/-1/2001 408 0 - - cR-- "
                + "1/1/0/0/0 0/0 \"<BADREQ>\"", HTTPLOG, x);
    }

    @Test
    void keepAliveSecondRequestUsesItsOwnDate() {
        ExchangeLog x = accepted("fe_main", "00:05:37.521", 33494, 18100);
        x.requestStarted(ms(2));
        x.requestReceived(ms(2));
        x.request("GET", "/x", "HTTP/1.1");
        x.route("be_web", "s1");
        x.leftQueue(ms(2));
        x.serverConnected(ms(2));
        x.responseReceived(ms(2), 200);
        x.addBytesToClient(200);
        x.counters(1, 1, 0, 0);
        x.closed(ms(2));
        assertLine("127.0.0.1:33494 [24/Nov/2026:00:05:37.523] fe_main be_web/s1 0/0/0/0/0 200 200 - - ---- "
                + "1/1/0/0/0 0/0 \"GET /x HTTP/1.1\"", HTTPLOG, x);
    }

    @Test
    void tcplogPrintsHaproxysOffByOneQueueTime() {
        ExchangeLog x = accepted("fe_tcp", "00:05:37.822", 32840, 18200);
        x.route("be_tcp", "t1");
        x.leftQueue(0);
        x.serverConnected(0);
        x.addBytesToClient(205);
        x.counters(1, 1, 0, 0);
        x.closed(ms(303));
        assertLine("127.0.0.1:32840 [24/Nov/2026:00:05:37.822] fe_tcp be_tcp/t1 1/0/303 205 -- 1/1/0/0/0 0/0", TCPLOG, x);
    }

    @Test
    void tcplogRefused() {
        ExchangeLog x = accepted("fe_tcp2", "00:06:33.474", 46954, 18201);
        x.route("be_tcpnone", "tr");
        x.leftQueue(0);
        x.retries(1, false);
        x.terminated('C', 'C');
        x.counters(2, 1, 0, 0);
        x.closed(ms(106));
        assertLine("127.0.0.1:46954 [24/Nov/2026:00:06:33.474] fe_tcp2 be_tcpnone/tr 1/-1/106 0 CC 2/1/0/0/1 0/0",
                TCPLOG, x);
    }

    @Test
    void clfCollapsesSeparatorsAfterEmptyVariables() {
        ExchangeLog x = request(accepted("fe_clf", "00:05:38.147", 35746, 18101), "GET", "/x", 78);
        x.route("be_web", "s1");
        x.leftQueue(0);
        x.serverConnected(0);
        x.responseReceived(ms(1), 200);
        x.addBytesToClient(200);
        x.counters(1, 1, 0, 0);
        x.closed(ms(1));
        assertLine("127.0.0.1 - - [24/Nov/2026:00:05:38 +0000] \"GET /x HTTP/1.1\" 200 200 \"\" \"\" 35746 147 "
                + "\"fe_clf\" \"be_web\" \"s1\" 0 0 0 1 1 ---- 1 1 0 0 0 0 0 \"\" \"\" ",
                LogFormatParser.compile(LogFormats.HTTPLOG_CLF), x);
    }

    @Test
    void customFormatWithGlobalQuotingAndManyVariables() {
        ExchangeLog x = request(accepted("fe_fmt", "00:05:38.174", 34950, 18103), "GET", "/x?q=1", 87);
        x.route("be_web", "s1");
        x.serverAddresses(new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 18301));
        x.leftQueue(0);
        x.serverConnected(0);
        x.responseReceived(0, 200);
        x.addBytesToClient(200);
        x.requestCounter(20);
        x.closed(ms(1));
        String fmt = "%{+Q}o %ci %HM %HU %HP %HQ %HV %U %B %Th %Ti %Tq %Td %Tt %Ts %ms %T %pid %rt %ts %fi:%fp "
                + "%si:%sp %bi %r %%";
        assertLine("\"127.0.0.1\" \"GET\" \"/x?q=1\" \"/x\" \"?q=1\" \"HTTP/1.1\" 87 200 0 0 0 1 1 1795478738 174 "
                + "24/Nov/2026:00:05:38 +0000 " + LogFormat.PID + " 20 -- \"127.0.0.1\":18103 \"127.0.0.1\":18301 "
                + "\"127.0.0.1\" \"GET /x?q=1 HTTP/1.1\" %", LogFormatParser.compile(fmt), x);
    }

    @Test
    void requestLineIsEncodedAgainstLogInjection() {
        ExchangeLog x = request(accepted("fe", "00:00:00.000", 1, 2), "GET", "/a\"b#c\r\nd\u00e9", 10);
        StringBuilder sb = new StringBuilder();
        LogFormatParser.compile("%{+Q}r %{+X}cp %{+E}HU").render(x, sb, new LogDates(ZoneOffset.UTC));
        assertEquals("\"GET /a#22b#23c#0D#0Ad#E9 HTTP/1.1\" 0001 /a#22b#23c#0D#0Ad#E9", sb.toString());
    }

    @Test
    void refusesWhatItCannotRender() {
        String sample = assertThrows(IllegalArgumentException.class,
                () -> LogFormatParser.compile("%ci %[nosuchfetch]")).getMessage();
        assertTrue(sample.contains("failed to parse sample expression 'nosuchfetch'") && sample.contains("position 4"),
                sample);
        assertThrows(IllegalArgumentException.class, () -> LogFormatParser.compile("%ci %[src"));
        String unknown = assertThrows(IllegalArgumentException.class,
                () -> LogFormatParser.compile("%ci %ID")).getMessage();
        assertTrue(unknown.contains("'%ID'") && unknown.contains("position 4"), unknown);
        assertThrows(IllegalArgumentException.class, () -> LogFormatParser.compile("%{+Z}ci"));
        assertThrows(IllegalArgumentException.class, () -> LogFormatParser.compile("100% sure"));
    }

    private static void assertLine(String haproxy, LogFormat format, ExchangeLog x) {
        StringBuilder sb = new StringBuilder();
        format.render(x, sb, new LogDates(ZoneOffset.UTC));
        assertArrayEquals(haproxy.split(" ", -1), sb.toString().split(" ", -1), () -> "\n" + haproxy + "\n" + sb);
    }
}
