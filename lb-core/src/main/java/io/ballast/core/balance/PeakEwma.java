package io.ballast.core.balance;

import java.util.function.LongSupplier;

/**
 * A server's response-time estimate for {@code balance ewma}: a peak-sensitive exponentially weighted moving
 * average, as Finagle's and Linkerd's "peak EWMA". It lives on the server ({@code Server.latency()}), so it survives
 * selector rebuilds.
 * <ul>
 * <li>{@link #record}: a response time above the estimate replaces it at once (peak); a lower one is blended in with
 * the weight {@code 1 - exp(-Δt/τ)}, where {@code Δt} is the time since the previous response and {@code τ} the
 * decay time, so the estimate follows a slow server at once and forgives it over about {@code τ};</li>
 * <li>{@link #estimate}: the estimate decays towards 0 with the time since the last response,
 * {@code × exp(-Δt/τ)}, so that a server that was slow once and then left alone is tried again.</li>
 * </ul>
 * 0 means "no response seen yet".
 *
 * <p><b>Threads.</b> {@link #record} is called from the event loops that see responses and takes this object's
 * monitor (a few nanoseconds, uncontended); {@link #estimate} reads two volatile fields without a lock, and may
 * pair a new value with the previous time stamp while a record runs, which is off by one sample at most.
 */
public final class PeakEwma {

    /** The decay time when {@code balance ewma} is given none: 10 seconds, as Finagle's default. */
    public static final long DEFAULT_DECAY_NANOS = 10_000_000_000L;

    private final LongSupplier clock;
    private volatile double decayNanos = DEFAULT_DECAY_NANOS;
    private volatile double cost;
    private volatile long stamp;

    /**
     * @param clock the time in nanoseconds, as {@link System#nanoTime()}
     */
    public PeakEwma(LongSupplier clock) {
        this.clock = clock;
    }

    /** Sets the decay time {@code τ}; the {@code ewma} algorithm sets its configured value at each build. */
    public void decayNanos(long nanos) {
        if (nanos <= 0) {
            throw new IllegalArgumentException("the decay time must be above 0, not " + nanos);
        }
        decayNanos = nanos;
    }

    /**
     * Adds one response time.
     *
     * @param latencyNanos the time from sending the request to receiving the response head
     */
    public synchronized void record(long latencyNanos) {
        long now = clock.getAsLong();
        double rtt = Math.max(0, latencyNanos);
        double current = cost;
        if (current == 0 || rtt > current) {
            cost = rtt;
        } else {
            double w = Math.exp(-Math.max(0, now - stamp) / decayNanos);
            cost = current * w + rtt * (1 - w);
        }
        stamp = now;
    }

    /**
     * @return the estimate in nanoseconds now, 0 when no response was recorded
     */
    public double estimate() {
        double c = cost;
        if (c == 0) {
            return 0;
        }
        return c * Math.exp(-Math.max(0, clock.getAsLong() - stamp) / decayNanos);
    }
}
