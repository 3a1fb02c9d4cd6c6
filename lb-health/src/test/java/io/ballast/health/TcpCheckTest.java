package io.ballast.health;

import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code tcp-check} dialogues and {@code option redis-check} against real redis-server processes: the classic
 * configuration that finds the primary of a primary/replica pair. Wording as HAProxy 2.6.12 logs it against the same
 * servers.
 */
class TcpCheckTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    final Closer closer = new Closer();

    private <T extends AutoCloseable> T track(T c) {
        return closer.track(c);
    }

    @Test
    void tcpCheckFindsTheRedisPrimary() throws Exception {
        RedisServer primary = track(new RedisServer(null));
        RedisServer replica = track(new RedisServer(primary.port));
        ConfiguredChecks c = track(new ConfiguredChecks("backend be_redis", "  mode tcp", "  option tcp-check",
                "  tcp-check connect", "  tcp-check send PING\\r\\n", "  tcp-check expect string +PONG",
                "  tcp-check send info\\ replication\\r\\n", "  tcp-check expect string role:master",
                "  tcp-check send QUIT\\r\\n", "  tcp-check expect string +OK",
                "  server r1 127.0.0.1:" + primary.port + " check inter 300 fall 1",
                "  server r2 127.0.0.1:" + replica.port + " check inter 300 fall 1"));
        long t = System.nanoTime();
        long ms = c.awaitState("be_redis/r2", ServerState.DOWN, t, WAIT);
        assertTrue(ms <= 300 + 300 + 300, "the replica's first check times out after inter (300ms): " + ms);
        assertEquals("Server be_redis/r2 is DOWN, reason: Layer7 timeout, info: \" at step 5 of tcp-check (expect "
                + "string 'role:master')\", check duration: Nms. 1 active and 0 backup servers left. 0 sessions "
                + "active, 0 requeued, 0 remaining in queue.", c.log.await("r2 is DOWN", WAIT).normalized());
        Thread.sleep(700);
        assertEquals(ServerState.UP, c.server("be_redis/r1").state());
        assertEquals(1, c.log.events.size(), () -> "unexpected " + c.log.events);
    }

    @Test
    void failuresNameTheStep() throws Exception {
        RedisServer redis = track(new RedisServer(null));
        int closed = Listener.freePort();
        ConfiguredChecks c = track(new ConfiguredChecks("backend b1", "  mode tcp", "  option tcp-check",
                "  tcp-check send QUIT\\r\\n", "  tcp-check expect string +PONGX comment mycomment",
                "  server r 127.0.0.1:" + redis.port + " check inter 300 fall 1",
                "backend b2", "  mode tcp", "  option tcp-check", "  tcp-check connect port " + closed,
                "  server r 127.0.0.1:" + redis.port + " check inter 300 fall 1",
                "backend b3", "  mode tcp", "  option tcp-check", "  tcp-check send-binary 50494e470d0a",
                "  tcp-check expect ! binary 2b504f4e47",
                "  server r 127.0.0.1:" + redis.port + " check inter 300 fall 1",
                "backend b4", "  mode tcp", "  option tcp-check", "  tcp-check send PING\\r\\n",
                "  server r 127.0.0.1:" + closed + " check inter 300 fall 1"));
        assertTrue(c.log.await("b1/r is DOWN", WAIT).message().contains("reason: Layer7 invalid response, info: "
                + "\"TCPCHK did not match content '+PONGX' at step 2 comment: mycomment\""));
        assertTrue(c.log.await("b2/r is DOWN", WAIT).message().contains("reason: Layer4 connection problem, info: "
                + "\"Connection refused at step 1 of tcp-check (connect port " + closed + ")\""));
        assertTrue(c.log.await("b3/r is DOWN", Duration.ofSeconds(2), c).message().contains("reason: Layer7 invalid response, info: "
                + "\"TCPCHK matched unwanted content (binary) at step 2\""));
        assertTrue(c.log.await("b4/r is DOWN", WAIT).message().contains("reason: Layer4 connection problem, info: "
                + "\"Connection refused at initial connection step of tcp-check\""));
    }

    @Test
    void redisCheckGoesDownAndComesBack() throws Exception {
        RedisServer redis = new RedisServer(null);
        int port = redis.port;
        ConfiguredChecks c = track(new ConfiguredChecks("backend be", "  mode tcp", "  option redis-check",
                "  server r 127.0.0.1:" + port + " check inter 200 rise 1 fall 2",
                "  server web 127.0.0.1:" + track(new CheckedHttpServer(0)).port() + " check inter 200 fall 1"));
        assertTrue(c.log.await("be/web is DOWN", WAIT).message().contains("reason: Layer7 wrong status, code: 0, "
                + "info: \""), () -> c.log.events.toString());
        Thread.sleep(500);
        assertEquals(ServerState.UP, c.server("be/r").state());
        long t = System.nanoTime();
        redis.close();
        long ms = c.awaitState("be/r", ServerState.DOWN, t, WAIT);
        assertTrue(ms >= 150 && ms <= 600, "fall 2 every 200ms: " + ms);
        track(new RedisServer(port, null));
        assertEquals("Server be/r is UP, reason: Layer7 check passed, code: 0, info: \"Redis server is ok\", check "
                + "duration: Nms. 1 active and 0 backup servers online. 0 sessions requeued, 0 total in queue.",
                c.log.await("be/r is UP", WAIT).normalized());
    }
}
