package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.log.EventLog;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 keep-alive request through the whole engine and its response back: the client's request bytes go
 * into a {@link ClientSession} on an {@link EmbeddedChannel}, the head the engine forwards is read from the server
 * connection's embedded channel (made by {@link Transport#embedded}), which then gets the server's response, and
 * the bytes for the client are read back. No socket, no thread hand-off: the figure is the engine's own work per
 * exchange (parsing, rules, routing, balancing, server connection reuse, head rewriting, counters, response
 * parsing, forwarding), plus the few queue operations of the embedded channels.
 *
 * <p>Event loop threads get a pooled-buffer thread cache; the fork gives one to the benchmark thread too, so that
 * allocations cost what they cost in production.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Dio.netty.allocator.useCacheForAllThreads=true")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProxyRoundTripBenchmark {

    private static final String REQUEST = "GET /api/v1/items?page=2 HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: application/json,text/plain;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=0123456789abcdef; theme=dark\r\n"
            + "\r\n";

    private static final String BODY = "x".repeat(128);

    private static final String RESPONSE = "HTTP/1.1 200 OK\r\n"
            + "Date: Tue, 24 Nov 2026 10:00:00 GMT\r\n"
            + "Content-Type: application/json\r\n"
            + "Cache-Control: no-cache\r\n"
            + "Content-Length: " + BODY.length() + "\r\n"
            + "\r\n"
            + BODY;

    private static final String DEFAULTS = """
            defaults
              mode http
              option forwardfor
              timeout connect 5s
              timeout client 30s
              timeout server 30s
            """;

    /** Two servers, round robin, and idle server connections reused ({@code http-reuse safe}, the default). */
    @State(Scope.Thread)
    public static class PooledServerConnection extends Rig {
        public PooledServerConnection() {
            super(DEFAULTS + """
                    frontend www
                      bind 127.0.0.1:8080
                      default_backend web
                    backend web
                      balance roundrobin
                      server web01 127.0.0.1:8081
                      server web02 127.0.0.1:8082
                    """, 2, null);
        }
    }

    /** A new server connection for every request, closed after it ({@code option http-server-close}). */
    @State(Scope.Thread)
    public static class NewServerConnection extends Rig {
        public NewServerConnection() {
            super(DEFAULTS + """
                    frontend www
                      bind 127.0.0.1:8080
                      option http-server-close
                      default_backend web
                    backend web
                      server web01 127.0.0.1:8081
                    """, -1, null);
        }
    }

    /** As {@link PooledServerConnection}, with two ACLs choosing the backend and a header set on each side. */
    @State(Scope.Thread)
    public static class WithRules extends Rig {
        public WithRules() {
            super(DEFAULTS + """
                    frontend www
                      bind 127.0.0.1:8080
                      acl is_api path_beg /api/
                      acl known_host hdr(host) -i www.example.com
                      http-request set-header X-Forwarded-Proto http
                      use_backend api if is_api known_host
                      default_backend web
                    backend web
                      server web01 127.0.0.1:8081
                    backend api
                      balance roundrobin
                      http-request set-header X-Backend api
                      server api01 127.0.0.1:8091
                      server api02 127.0.0.1:8092
                    """, 2, "X-Backend: api\r\n");
        }
    }

    /** Keep-alive client, pooled server connections: the common case. */
    @Benchmark
    public int pooledServerConnection(PooledServerConnection rig) {
        return rig.roundTrip(null, null);
    }

    /** Keep-alive client, a server connection opened (an embedded channel made and registered) and closed per request. */
    @Benchmark
    public int newServerConnection(NewServerConnection rig) {
        return rig.roundTrip(null, null);
    }

    /** Keep-alive client, pooled server connections, routed by ACLs with {@code set-header} rules. */
    @Benchmark
    public int withRules(WithRules rig) {
        return rig.roundTrip(null, null);
    }

    /** An engine on embedded channels, one keep-alive client connection, and the servers' connections. */
    public abstract static class Rig {

        private static final SocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 51234);
        private static final SocketAddress LISTENER = new InetSocketAddress("127.0.0.1", 8080);

        private final String config;
        /** How many server connections steady state uses, or -1 for one per request. */
        private final int pooledConnections;
        /** A header line the forwarded request must carry, or {@code null}. */
        private final String expectedHeader;
        /** Every server connection the engine opened and has not closed yet, oldest first. */
        private final List<EmbeddedChannel> servers = new ArrayList<>();
        private int serversOpened;
        private Engine engine;
        private EmbeddedChannel client;
        private ByteBuf request;
        private ByteBuf response;

        Rig(String config, int pooledConnections, String expectedHeader) {
            this.config = config;
            this.pooledConnections = pooledConnections;
            this.expectedHeader = expectedHeader;
        }

        /** Builds the engine and the client connection, and checks a few round trips really are 200s. */
        @Setup
        public void setup() throws Exception {
            BallastConfig parsed = ConfigLoader.create().parse("bench.cfg", config).config();
            engine = new Engine(parsed, RuleCompiler.compile(parsed), EventLog.stderr(),
                    threads -> Transport.embedded(this::openServerConnection));
            client = new ClientChannel(new ClientSession(engine.frontends().get(0), engine.current(), engine));
            request = directBuffer(REQUEST);
            response = directBuffer(RESPONSE);
            for (int i = 0; i < 4; i++) { // past the first request, which never takes a pooled connection
                StringBuilder forwarded = new StringBuilder();
                StringBuilder answer = new StringBuilder();
                roundTrip(forwarded, answer);
                check(forwarded.toString().startsWith("GET /api/v1/items?page=2 HTTP/1.1\r\n")
                        && forwarded.indexOf("X-Forwarded-For: 192.0.2.10\r\n") > 0
                        && (expectedHeader == null || forwarded.indexOf(expectedHeader) > 0),
                        "the server did not receive the request as expected", forwarded);
                check(answer.toString().startsWith("HTTP/1.1 200 OK\r\n") && answer.toString().endsWith("\r\n\r\n" + BODY),
                        "the client did not receive the response as expected", answer);
            }
            checkSteadyState();
        }

        @TearDown
        public void tearDown() {
            checkSteadyState();
            client.finishAndReleaseAll();
            for (EmbeddedChannel server : servers) {
                server.finishAndReleaseAll();
            }
            engine.close();
            request.release();
            response.release();
        }

        /** Fails the run when the client connection broke or server connections were not reused as configured. */
        private void checkSteadyState() {
            check(client.isActive(), "the engine closed the client connection", "");
            check(pooledConnections < 0 || serversOpened == pooledConnections,
                    "the server connections were not reused: opened " + serversOpened, "");
        }

        /**
         * The client sends the request; the server that got it answers; the client reads the response.
         *
         * @param forwarded when not null, receives what the server got
         * @param answer    when not null, receives what the client got
         * @return the bytes the client got
         */
        int roundTrip(StringBuilder forwarded, StringBuilder answer) {
            // One read and its read-complete, as writeInbound does, without its varargs array.
            client.writeOneInbound(request.retainedDuplicate(), client.voidPromise());
            client.flushInbound();
            EmbeddedChannel server = drainServers(forwarded);
            server.writeOneInbound(response.retainedDuplicate(), server.voidPromise());
            if (server.isOpen()) { // with http-server-close the engine closed it on reading the response
                server.flushInbound();
            }
            int bytes = 0;
            for (ByteBuf out; (out = client.readOutbound()) != null; ) {
                bytes += out.readableBytes();
                if (answer != null) {
                    answer.append(out.toString(StandardCharsets.US_ASCII));
                }
                out.release();
            }
            return bytes;
        }

        /** Reads (and releases) what the engine sent to its servers; returns the one connection that got a request. */
        private EmbeddedChannel drainServers(StringBuilder forwarded) {
            EmbeddedChannel target = null;
            for (int i = 0; i < servers.size(); i++) {
                EmbeddedChannel server = servers.get(i);
                if (!server.isOpen()) {
                    servers.remove(i--);
                    continue;
                }
                for (ByteBuf out; (out = server.readOutbound()) != null; ) {
                    check(target == null || target == server, "the request went to two servers", "");
                    target = server;
                    if (forwarded != null) {
                        forwarded.append(out.toString(StandardCharsets.US_ASCII));
                    }
                    out.release();
                }
            }
            if (target == null) {
                throw new IllegalStateException("no server connection received the request");
            }
            return target;
        }

        /**
         * The engine's connector: a server connection is an embedded channel, registered on the client's loop.
         * Closing one cancels that loop's scheduled tasks (as EmbeddedChannel does), the client's timeout check
         * included, which changes nothing measured: requests come far faster than any timeout.
         */
        private EmbeddedChannel openServerConnection() {
            EmbeddedChannel server = new EmbeddedChannel(false, false);
            servers.add(server);
            serversOpened++;
            return server;
        }

        private static ByteBuf directBuffer(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
        }

        private static void check(boolean ok, String problem, CharSequence seen) {
            if (!ok) {
                throw new IllegalStateException(problem + (seen.isEmpty() ? "" : ":\n" + seen));
            }
        }
    }

    /** A TCP client's connection as the engine sees it: an accepted connection with IP addresses. */
    private static final class ClientChannel extends EmbeddedChannel {

        ClientChannel(ChannelHandler session) {
            super(session);
        }

        @Override
        protected SocketAddress localAddress0() {
            return Rig.LISTENER;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return Rig.CLIENT;
        }
    }
}
