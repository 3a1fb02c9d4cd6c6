package io.ballast.core.stats;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The traffic statistics of one frontend, backend or server: cumulative {@link Counter}s, current and highest
 * concurrent sessions, session, request and connection rates, and the average queue, connect, response and total
 * times of recent requests. Every update is lock-free (adders and compare-and-set), so that counting on the request
 * path costs no lock; readers see a consistent value per figure, not a snapshot across figures.
 */
public final class TrafficCounters {

    private static final Counter[] COUNTERS = Counter.values();

    private final LongAdder[] counts = new LongAdder[COUNTERS.length];
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger maxSessions = new AtomicInteger();
    private final EventRate sessionRate;
    private final EventRate requestRate;
    private final EventRate connectionRate;
    private final SlidingAverage queueTime = new SlidingAverage();
    private final SlidingAverage connectTime = new SlidingAverage();
    private final SlidingAverage responseTime = new SlidingAverage();
    private final SlidingAverage totalTime = new SlidingAverage();
    private final AtomicInteger maxQueued = new AtomicInteger();
    private final LongSupplier clock;
    /** When the last session started, in clock nanoseconds; {@link Long#MIN_VALUE} before the first. */
    private final AtomicLong lastSession = new AtomicLong(Long.MIN_VALUE);

    /** Counters over {@link System#nanoTime()}: the {@code now} arguments are its readings. */
    public TrafficCounters() {
        this(System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()}, for rates and {@link #secondsSinceLastSession()} */
    public TrafficCounters(LongSupplier clock) {
        this.clock = clock;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        this.sessionRate = new EventRate(clock);
        this.requestRate = new EventRate(clock);
        this.connectionRate = new EventRate(clock);
    }

    /** Adds one to {@code counter}. */
    public void increment(Counter counter) {
        counts[counter.ordinal()].increment();
    }

    /** Adds {@code n} to {@code counter}. */
    public void add(Counter counter, long n) {
        if (n != 0) {
            counts[counter.ordinal()].add(n);
        }
    }

    /** The value of {@code counter}. */
    public long get(Counter counter) {
        return counts[counter.ordinal()].sum();
    }

    /**
     * Counts an accepted connection: {@link Counter#CONNECTIONS} and the connection rate.
     *
     * @param now a reading of this object's clock; callers that count several events at once read it once
     */
    public void connectionAccepted(long now) {
        increment(Counter.CONNECTIONS);
        connectionRate.increment(now);
    }

    /**
     * Counts a session that starts: {@link Counter#SESSIONS}, the session rate, the time of the last session, and the
     * highest concurrency given the {@code current} sessions now (including this one).
     *
     * @param now a reading of this object's clock
     */
    public void sessionStarted(int current, long now) {
        increment(Counter.SESSIONS);
        sessionRate.increment(now);
        lastSession.set(now);
        observeSessions(current);
    }

    /**
     * Counts a session that starts where this object keeps the concurrency itself (a backend); pair it with
     * {@link #sessionEnded()}.
     *
     * @param now a reading of this object's clock
     */
    public void sessionStarted(long now) {
        sessionStarted(sessions.incrementAndGet(), now);
    }

    /** Counts the end of a session started with {@link #sessionStarted(long)}. */
    public void sessionEnded() {
        sessions.decrementAndGet();
    }

    /** The sessions started with {@link #sessionStarted(long)} and not yet ended. */
    public int currentSessions() {
        return sessions.get();
    }

    private void observeSessions(int current) {
        if (current > maxSessions.get()) {
            maxSessions.accumulateAndGet(current, Math::max);
        }
    }

    /**
     * Counts an HTTP request: {@link Counter#REQUESTS} and the request rate.
     *
     * @param now a reading of this object's clock
     */
    public void requestReceived(long now) {
        increment(Counter.REQUESTS);
        requestRate.increment(now);
    }

    /**
     * Counts an HTTP request without its rate, where nothing shows one: HAProxy reports request rates for frontends
     * only, so a backend's and a server's requests need not pay for it.
     */
    public void requestCounted() {
        increment(Counter.REQUESTS);
    }

    /** Counts a response's status in its {@code hrsp_*} class. */
    public void responded(int status) {
        increment(Counter.responses(status));
    }

    /** Notes the length of a queue (to keep its highest value, {@code qmax}). */
    public void observeQueue(int length) {
        if (length > maxQueued.get()) {
            maxQueued.accumulateAndGet(length, Math::max);
        }
    }

    /**
     * Adds an ended request's timers, in milliseconds, to the recent averages. HAProxy adds only requests that went
     * through every phase (queue, connect, response), so the caller leaves out the others.
     */
    public void timings(long queueMillis, long connectMillis, long responseMillis, long totalMillis) {
        queueTime.add(queueMillis);
        connectTime.add(connectMillis);
        responseTime.add(responseMillis);
        totalTime.add(totalMillis);
    }

    /** The highest concurrent sessions seen ({@code smax}). */
    public int maxSessions() {
        return maxSessions.get();
    }

    /** The highest queue length seen ({@code qmax}). */
    public int maxQueued() {
        return maxQueued.get();
    }

    /** Sessions per second ({@code rate}). */
    public EventRate sessionRate() {
        return sessionRate;
    }

    /** HTTP requests per second ({@code req_rate}). */
    public EventRate requestRate() {
        return requestRate;
    }

    /** Connections accepted per second ({@code conn_rate}). */
    public EventRate connectionRate() {
        return connectionRate;
    }

    /** Milliseconds spent queued ({@code qtime}). */
    public SlidingAverage queueTime() {
        return queueTime;
    }

    /** Milliseconds to connect to the server ({@code ctime}). */
    public SlidingAverage connectTime() {
        return connectTime;
    }

    /** Milliseconds until the response head ({@code rtime}). */
    public SlidingAverage responseTime() {
        return responseTime;
    }

    /** Milliseconds of the whole exchange ({@code ttime}). */
    public SlidingAverage totalTime() {
        return totalTime;
    }

    /** Seconds since the last session started ({@code lastsess}), or -1 before the first. */
    public long secondsSinceLastSession() {
        long last = lastSession.get();
        return last == Long.MIN_VALUE ? -1 : (clock.getAsLong() - last) / 1_000_000_000L;
    }

    /**
     * Resets figures as the runtime API's {@code clear counters} commands do.
     *
     * @param all {@code false} to reset the highest values only ({@code clear counters}), {@code true} to reset
     *            every counter too ({@code clear counters all})
     */
    public void clear(boolean all) {
        maxSessions.set(sessions.get());
        maxQueued.set(0);
        sessionRate.clearMax();
        requestRate.clearMax();
        connectionRate.clearMax();
        for (SlidingAverage a : new SlidingAverage[] {queueTime, connectTime, responseTime, totalTime}) {
            a.clear(all);
        }
        if (all) {
            for (LongAdder a : counts) {
                a.reset();
            }
            lastSession.set(Long.MIN_VALUE);
        }
    }
}
