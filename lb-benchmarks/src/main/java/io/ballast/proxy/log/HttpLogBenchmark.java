package io.ballast.proxy.log;

import io.ballast.core.config.LogFormats;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.util.concurrent.atomic.LongAdder;

/**
 * The per-request cost of {@code option httplog}: rendering one line, and rendering, framing and sending it as a
 * syslog datagram to a local UDP socket that nobody reads (the kernel drops what overflows).
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HttpLogBenchmark {

    private final LogFormat httplog = LogFormatParser.compile(LogFormats.HTTPLOG);
    private final LogScratch scratch = new LogScratch(ZoneId.systemDefault());
    private final ExchangeLog exchange = new ExchangeLog();
    private DatagramSocket receiver;
    private UdpSink sink;
    private SyslogTarget target;

    @Setup
    public void setup() throws Exception {
        exchange.connection("fe_main", new InetSocketAddress("192.168.10.25", 53534),
                new InetSocketAddress("10.0.0.1", 80));
        exchange.begin(System.currentTimeMillis(), 0);
        exchange.requestStarted(0);
        exchange.requestReceived(1_000_000);
        exchange.request("GET", "/blog/2026/11/a-post-about-load-balancing?page=2", "HTTP/1.1");
        exchange.route("be_web", "s1");
        exchange.leftQueue(1_000_000);
        exchange.serverConnected(2_000_000);
        exchange.responseReceived(5_000_000, 200);
        exchange.addBytesToClient(16_161);
        exchange.counters(12, 10, 4, 2);
        exchange.closed(7_000_000);
        receiver = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        sink = new UdpSink(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiver.getLocalPort()));
        target = new SyslogTarget(sink, SyslogFormat.LOCAL, Syslog.facility("local0"), Syslog.DEBUG, Syslog.EMERG,
                io.ballast.core.config.LogTarget.DEFAULT_LENGTH, LogOutputs.DEFAULT_TAG, new LongAdder());
    }

    @TearDown
    public void tearDown() {
        sink.close();
        receiver.close();
    }

    /** Renders the httplog line into the reused builder. */
    @Benchmark
    public int render() {
        StringBuilder sb = scratch.message;
        sb.setLength(0);
        httplog.render(exchange, sb, scratch.dates);
        return sb.length();
    }

    /** Renders, frames ({@code local} format) and sends the line over UDP. */
    @Benchmark
    public int renderAndSend() {
        int n = render();
        target.send(Syslog.INFO, scratch.message, scratch);
        return n;
    }
}
