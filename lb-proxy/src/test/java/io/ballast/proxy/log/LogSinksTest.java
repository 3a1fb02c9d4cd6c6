package io.ballast.proxy.log;

import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.LogFormats;
import io.ballast.core.config.LogTarget;
import io.ballast.core.config.ProxyMode;
import io.ballast.core.log.EventLog;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.ballast.proxy.log.Exchanges.accepted;
import static io.ballast.proxy.log.Exchanges.ms;
import static io.ballast.proxy.log.Exchanges.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Lines leave through real sockets, and a target that cannot take them costs lines, never time. */
class LogSinksTest {

    private final List<String> warnings = new ArrayList<>();
    private final EventLog collect = (level, message) -> warnings.add(message);

    @Test
    void httplogAndTcplogLinesArriveAsSyslogDatagramsOverUdp() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             LogOutputs outputs = LogOutputs.open(null, collect)) {
            receiver.setSoTimeout(5000);
            List<LogTarget> logs = List.of(new LogTarget("127.0.0.1:" + receiver.getLocalPort(), "local0", null, null));
            AccessLogger http = AccessLogger.forFrontend(frontend("fe_main", ProxyMode.HTTP, true, false, logs), outputs);
            ExchangeLog x = request(accepted("fe_main", "00:05:32.548", 33402, 18100), "GET", "/hole", 80);
            x.route("be_hole", "h1");
            x.leftQueue(0);
            x.serverConnected(0);
            x.status(504);
            x.addBytesToClient(198);
            x.terminated('s', 'H');
            x.counters(1, 1, 0, 0);
            x.closed(ms(702));
            http.ended(x);
            String line = receive(receiver);
            assertTrue(line.matches("<134>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d haproxy\\[\\d+]: .*\n"), line);
            String[] fields = line.substring(line.indexOf("]: ") + 3, line.length() - 1).split(" ");
            String[] expected = ("127.0.0.1:33402 [24/Nov/2026:00:05:32.548] fe_main be_hole/h1 0/0/0/-1/702 504 198 "
                    + "- - sH-- 1/1/0/0/0 0/0 \"GET /hole HTTP/1.1\"").split(" ");
            assertEquals(List.of(expected), List.of(fields));

            AccessLogger tcp = AccessLogger.forFrontend(frontend("fe_tcp", ProxyMode.TCP, false, false, logs),
                    LogFormats.TCPLOG, outputs);
            ExchangeLog t = accepted("fe_tcp", "00:06:33.474", 46954, 18201);
            t.route("be_tcpnone", "tr");
            t.leftQueue(0);
            t.retries(1, false);
            t.terminated('C', 'C');
            t.counters(2, 1, 0, 0);
            t.closed(ms(106));
            tcp.ended(t);
            String tcpLine = receive(receiver);
            assertTrue(tcpLine.endsWith("]: 127.0.0.1:46954 [24/Nov/2026:00:06:33.474] fe_tcp be_tcpnone/tr 1/-1/106 0 "
                    + "CC 2/1/0/0/1 0/0\n"), tcpLine);
            assertEquals(0, outputs.dropped());
        }
    }

    @Test
    void defaultFormatLogsAtAcceptAndDontlognullSkipsSilentConnections() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             LogOutputs outputs = LogOutputs.open(null, collect)) {
            receiver.setSoTimeout(300);
            List<LogTarget> logs = List.of(new LogTarget("udp@127.0.0.1:" + receiver.getLocalPort(), "local0", null,
                    null));
            AccessLogger plain = AccessLogger.forFrontend(frontend("fe_def", ProxyMode.HTTP, false, false, logs),
                    outputs);
            ExchangeLog x = accepted("fe_def", "00:05:38.000", 34942, 18102);
            plain.accepted(x);
            assertTrue(receive(receiver).endsWith("]: Connect from 127.0.0.1:34942 to 127.0.0.1:18102 (fe_def/HTTP)\n"));
            x.closed(ms(1));
            plain.ended(x);
            assertNull(receiveOrNull(receiver));

            AccessLogger quiet = AccessLogger.forFrontend(frontend("fe", ProxyMode.HTTP, true, true, logs), outputs);
            quiet.accepted(x);
            quiet.ended(x);
            assertNull(receiveOrNull(receiver), "nothing was sent: not logged");
            x.addBytesFromClient(1);
            quiet.ended(x);
            assertNotNull(receiveOrNull(receiver));
        }
    }

    @Test
    void serverEventsGoToSyslogAtHaproxysLevels() throws Exception {
        try (DatagramSocket receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             LogOutputs outputs = LogOutputs.open("lb", collect)) {
            receiver.setSoTimeout(5000);
            List<String> local = new ArrayList<>();
            EventLog events = SyslogEventLog.tee((l, m) -> local.add(m),
                    List.of(new LogTarget("127.0.0.1:" + receiver.getLocalPort(), "local0", null, null)), outputs);
            events.log(EventLog.Level.WARNING, "Server be/s1 is DOWN, reason: Layer4 connection problem.");
            events.log(EventLog.Level.WARNING, "Server be/s1 is UP/READY (leaving forced maintenance).");
            events.log(EventLog.Level.ALERT, "backend 'be' has no server available!");
            assertTrue(receive(receiver).startsWith("<129>"));
            String up = receive(receiver);
            assertTrue(up.startsWith("<133>") && up.contains(" lb[") && up.endsWith("maintenance).\n"), up);
            assertTrue(receive(receiver).startsWith("<128>"));
            assertEquals(3, local.size());
        }
    }

    @Test
    void unixDatagramSocket(@TempDir Path dir) throws Exception {
        assumeTrue(Epoll.isAvailable(), "needs native epoll");
        EventLoopGroup group = new EpollEventLoopGroup(1);
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        String path = dir.resolve("log.sock").toString();
        try {
            Channel server = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DomainDatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket p) {
                            received.add(p.content().toString(StandardCharsets.ISO_8859_1));
                        }
                    }).bind(new DomainSocketAddress(path)).sync().channel();
            try (LogOutputs outputs = LogOutputs.open(null, collect)) {
                SyslogTarget t = outputs.target(path, "rfc3164", 1024, "daemon", "info", "emerg");
                t.send(Syslog.INFO, "hello", LogScratch.current());
                t.send(Syslog.DEBUG, "filtered out", LogScratch.current());
                String line = received.poll(5, TimeUnit.SECONDS);
                assertNotNull(line);
                assertTrue(line.startsWith("<30>") && line.endsWith(" localhost haproxy[" + LogFormat.PID
                        + "]: hello\n"), line);
                assertNull(received.poll(200, TimeUnit.MILLISECONDS));
            }
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void unixSocketThatIsNotReadDropsInsteadOfBlocking(@TempDir Path dir) throws Exception {
        assumeTrue(Epoll.isAvailable(), "needs native epoll");
        EventLoopGroup group = new EpollEventLoopGroup(1);
        String path = dir.resolve("log.sock").toString();
        try {
            Channel stuck = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                    .option(io.netty.channel.ChannelOption.AUTO_READ, false)
                    .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                    .bind(new DomainSocketAddress(path)).sync().channel();
            try (LogOutputs outputs = LogOutputs.open(null, collect)) {
                SyslogTarget t = outputs.target(path, "rfc3164", 1024, "daemon", "info", "emerg");
                int lines = 5000; // far more than a datagram socket queues (net.unix.max_dgram_qlen, 512 by default)
                long start = System.nanoTime();
                for (int i = 0; i < lines; i++) {
                    t.send(Syslog.INFO, "line " + i, LogScratch.current());
                }
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "sending never waits for the reader");
                assertTrue(outputs.dropped() > 0 && outputs.dropped() < lines, "dropped " + outputs.dropped());
            }
            stuck.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void missingUnixSocketDropsAndCounts(@TempDir Path dir) throws Exception {
        assumeTrue(Epoll.isAvailable(), "needs native epoll");
        try (LogOutputs outputs = LogOutputs.open(null, collect)) {
            SyslogTarget t = outputs.target(dir.resolve("nobody").toString(), "local", 1024, "local0", "debug",
                    "emerg");
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                t.send(Syslog.INFO, "lost", LogScratch.current());
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (outputs.dropped() < 100 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(100, outputs.dropped());
        }
    }

    @Test
    void blockedStreamDropsInsteadOfBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
            }
        };
        StreamSink sink = new StreamSink(stuck, "test-log", 2);
        try {
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                if (sink.send(ByteBuffer.wrap("x\n".getBytes(StandardCharsets.US_ASCII)))) {
                    accepted++;
                }
            }
            assertTrue(accepted >= 2 && accepted <= 3, "queue of 2 plus the line being written: " + accepted);
        } finally {
            release.countDown();
            sink.close();
        }
    }

    @Test
    void unusableTargetsAreReportedAndDropped() {
        try (LogOutputs outputs = LogOutputs.open(null, collect)) {
            SyslogTarget t = outputs.target("ring@buf", "local", 1024, "local0", "debug", "emerg");
            t.send(Syslog.INFO, "x", LogScratch.current());
            assertEquals(1, outputs.dropped());
            assertFalse(warnings.isEmpty());
            assertTrue(warnings.get(0).contains("'ring@buf' cannot be used"), warnings.get(0));
        }
        assertEquals(new InetSocketAddress("127.0.0.1", 514), LogOutputs.udpAddress("ipv4@127.0.0.1"));
        assertEquals(new InetSocketAddress("::1", 1514), LogOutputs.udpAddress("ipv6@::1:1514"));
        assertEquals(new InetSocketAddress("::1", 514), LogOutputs.udpAddress("[::1]:"));
    }

    private static FrontendConfig frontend(String name, ProxyMode mode, boolean httpLog, boolean dontLogNull,
                                           List<LogTarget> logs) {
        return new FrontendConfig(name, mode, List.of(), null, null, 0, null, null, httpLog, dontLogNull, logs,
                java.util.Map.of(), List.of(), null, httpLog ? LogFormats.HTTPLOG : null);
    }

    private static String receive(DatagramSocket s) throws Exception {
        String line = receiveOrNull(s);
        assertNotNull(line, "no datagram");
        return line;
    }

    private static String receiveOrNull(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[65536], 65536);
        try {
            s.receive(p);
        } catch (java.net.SocketTimeoutException e) {
            return null;
        }
        return new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }
}
