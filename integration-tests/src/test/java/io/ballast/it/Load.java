package io.ballast.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steady background traffic ({@code Connection: close}, one request at a time) that records every
 * outcome, so a transition (a server going down or up) can be judged request by request.
 */
final class Load implements AutoCloseable {
    /** One request: when it started (System.nanoTime), its status (-1: no response) and who served it. */
    record Outcome(long startNanos, int status, String server, String error) {
        boolean isServerError() {
            return status < 0 || status >= 500;
        }

        @Override
        public String toString() {
            return status < 0 ? "error(" + error + ")" : status + "/" + server;
        }
    }

    private final int port;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    Load(int port) {
        this.port = port;
        thread = new Thread(this::loop, "load-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running.get()) {
            long t = System.nanoTime();
            Outcome o;
            try {
                RawHttp.Response r = RawHttp.getClose(port, "/");
                o = new Outcome(t, r.status(), r.servedBy(), null);
            } catch (RuntimeException e) {
                o = new Outcome(t, -1, "?", String.valueOf(e.getCause() != null ? e.getCause() : e));
            }
            synchronized (outcomes) {
                outcomes.add(o);
            }
            Net.sleep(20);
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

    /** Stops sending and waits for the request in progress. */
    void finish() {
        running.set(false);
        try {
            thread.join(35_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
