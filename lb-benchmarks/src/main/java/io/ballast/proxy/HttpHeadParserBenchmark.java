package io.ballast.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;

/** Finding, parsing and rewriting a typical browser request head: the per-request work of the engine. */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HttpHeadParserBenchmark {

    private static final String REQUEST = "GET /blog/2026/11/a-post-about-load-balancing?page=2 HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=0123456789abcdef; theme=dark\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "\r\n";

    private final HttpHeadParser parser = new HttpHeadParser();
    private ByteBuf input;

    @Setup
    public void setup() {
        byte[] bytes = REQUEST.getBytes(StandardCharsets.US_ASCII);
        input = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    @TearDown
    public void tearDown() {
        input.release();
    }

    /** Find the end of the head and index it. */
    @Benchmark
    public int parse() throws HttpParseException {
        input.readerIndex(0);
        int end = HttpHeadParser.findEnd(input);
        HttpHead head = parser.parseRequest(input.retainedSlice(0, end));
        int count = head.headerCount();
        head.release();
        return count;
    }

    /** Parse, then write the head that goes to the server (with X-Forwarded-For). */
    @Benchmark
    public int parseAndRewrite() throws HttpParseException {
        input.readerIndex(0);
        int end = HttpHeadParser.findEnd(input);
        HttpHead head = parser.parseRequest(input.retainedSlice(0, end));
        ByteBuf out = HeadWriter.write(PooledByteBufAllocator.DEFAULT, head, HeadWriter.ConnectionHeader.NONE,
                io.netty.util.AsciiString.cached("X-Forwarded-For"), new byte[] {'1', '2', '7', '.', '0', '.', '0', '.', '1'});
        int size = out.readableBytes();
        out.release();
        head.release();
        return size;
    }
}
