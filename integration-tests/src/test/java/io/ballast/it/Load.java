package io.ballast.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steady background traffic that records every outcome, so a transition (a server going down or up) can be
 * judged request by request: either one client sending {@code Connection: close} requests one at a time
 * ({@link #Load(int)}), or several concurrent keep-alive clients ({@link #keepAlive}).
 */
final class Load implements AutoCloseable {
    /**
     * One request: when it started and ended (System.nanoTime), its status (-1: no response), who served it,
     * what went wrong (including whether the connection had already carried requests), and whether a keep-alive
     * client had to resend it (then {@code error} says why, even if the resent request succeeded).
     */
    record Outcome(long startNanos, long endNanos, int status, String server, String error, boolean resent) {
        boolean isServerError() {
            return status < 0 || status >= 500;
        }

        Outcome answered(RawHttp.Response r) {
            return new Outcome(startNanos, System.nanoTime(), r.status(), r.servedBy(), error, resent);
        }

        @Override
        public String toString() {
            return status < 0 ? "error(" + error + ")" : status + "/" + server;
        }
    }

    private final int port;
    private final boolean keepAlive;
    private final long pauseMillis;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** One client, a new connection with {@code Connection: close} per request, 20 ms apart. */
    Load(int port) {
        this(port, 1, false, 20);
    }

    /** {@code clients} concurrent clients, each sending requests back to back over one keep-alive connection. */
    static Load keepAlive(int port, int clients) {
        return new Load(port, clients, true, 0);
    }

    private Load(int port, int clients, boolean keepAlive, long pauseMillis) {
        this.port = port;
        this.keepAlive = keepAlive;
        this.pauseMillis = pauseMillis;
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(this::loop, "load-" + port + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void loop() {
        Client client = new Client();
        while (running.get()) {
            Outcome o = keepAlive ? client.send() : once();
            synchronized (outcomes) {
                outcomes.add(o);
            }
            if (pauseMillis > 0) {
                Net.sleep(pauseMillis);
            }
        }
        close(client.conn);
    }

    private Outcome once() {
        long t = System.nanoTime();
        try {
            RawHttp.Response r = RawHttp.getClose(port, "/");
            return new Outcome(t, System.nanoTime(), r.status(), r.servedBy(), null, false);
        } catch (RuntimeException e) {
            return new Outcome(t, System.nanoTime(), -1, "?", String.valueOf(e.getCause() != null ? e.getCause() : e), false);
        }
    }

    /**
     * A keep-alive client that behaves like browsers and curl: a request on a reused connection that is
     * closed before any byte of the response is sent again, once, on a new connection (RFC 9112 §9.3.1);
     * the outcome then says {@code resent}. Any other failure is recorded as it is.
     */
    private final class Client {
        RawHttp conn;
        int onConnection;

        Outcome send() {
            long t = System.nanoTime();
            try {
                return new Outcome(t, System.nanoTime(), -1, "?", null, false).answered(exchange());
            } catch (RuntimeException e) {
                boolean stale = onConnection > 1 && e.getCause() instanceof RawHttp.ClosedBeforeResponse;
                String first = failure(e);
                drop();
                if (!stale) {
                    return new Outcome(t, System.nanoTime(), -1, "?", first, false);
                }
                try {
                    return new Outcome(t, System.nanoTime(), -1, "?", first, true).answered(exchange());
                } catch (RuntimeException again) {
                    String second = failure(again);
                    drop();
                    return new Outcome(t, System.nanoTime(), -1, "?", first + ", then resent: " + second, true);
                }
            }
        }

        private RawHttp.Response exchange() {
            if (conn == null || !conn.reusable()) {
                drop();
                conn = new RawHttp(port);
            }
            onConnection++;
            return conn.get("/", false);
        }

        private String failure(RuntimeException e) {
            return (e.getCause() != null ? e.getCause() : e) + " [request " + onConnection + " on its connection]";
        }

        private void drop() {
            close(conn);
            conn = null;
            onConnection = 0;
        }
    }

    private static void close(RawHttp conn) {
        if (conn != null) {
            conn.close();
        }
    }

    List<Outcome> snapshot() {
        synchronized (outcomes) {
            return new ArrayList<>(outcomes);
        }
    }

    List<Outcome> startedBetween(long fromNanos, long toNanos) {
        return snapshot().stream().filter(o -> o.startNanos() - fromNanos >= 0 && toNanos - o.startNanos() > 0).toList();
    }

    long countStartedAfter(long nanos) {
        return snapshot().stream().filter(o -> o.startNanos() - nanos >= 0).count();
    }

    @Override
    public void close() {
        finish();
    }

    /** Stops sending and waits for the requests in progress. */
    void finish() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(35_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
