package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code balance ewma [<decay>]}, which HAProxy does not have: peak-EWMA with the power of two choices, as Finagle
 * and Linkerd balance. Each pick draws two different servers at random and takes the one with the lower cost
 * {@code latency × (inFlight + 1) / weight}, where {@code latency} is the server's {@link PeakEwma} response-time
 * estimate ({@link Server#latency()}, fed by {@link Server#recordLatency} as responses arrive) and {@code weight} its
 * {@linkplain Server#effectiveWeight() effective weight}. {@code decay} (a time, default {@code 10s}) is how long
 * the estimate takes to forget a slow period.
 *
 * <p>A server with no recorded response yet costs 0 while it has no request in flight, so it is tried, and costs
 * more than any measured server while it has one, so that new servers are probed one request at a time (Finagle's
 * penalty). With two servers both are compared at every pick.
 *
 * <p><b>Threads.</b> {@code pick} is called from several event loops at once without a lock: the selector holds an
 * immutable array, uses {@link ThreadLocalRandom}, and reads the servers' atomic counters and volatile estimates.
 */
final class Ewma implements BalanceAlgorithm {

    /** The cost of an unmeasured server that already has a request in flight, plus that count. */
    static final double PENALTY = Double.MAX_VALUE / 2;

    private final long decayNanos;

    Ewma(long decayNanos) {
        this.decayNanos = decayNanos;
    }

    @Override
    public boolean followsSlowStart() {
        return true;
    }

    @Override
    public boolean readsLatency() {
        return true;
    }

    @Override
    public ServerSelector build(List<Server> servers) {
        Server[] all = servers.toArray(new Server[0]);
        long[] weights = new long[all.length];
        for (int i = 0; i < all.length; i++) {
            all[i].latency().decayNanos(decayNanos);
            weights[i] = Math.max(1, all[i].effectiveWeight());
        }
        if (all.length == 1) {
            Server only = all[0];
            return request -> only;
        }
        int n = all.length;
        return request -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int a = random.nextInt(n);
            int b = random.nextInt(n - 1);
            if (b >= a) {
                b++;
            }
            return cost(all[a]) * weights[b] <= cost(all[b]) * weights[a] ? all[a] : all[b];
        };
    }

    /** {@code latency × (inFlight + 1)}, or the penalty for an unmeasured busy server. */
    static double cost(Server server) {
        double latency = server.latency().estimate();
        int inFlight = server.inFlight();
        if (latency == 0) {
            return inFlight == 0 ? 0 : PENALTY + inFlight;
        }
        return latency * (inFlight + 1);
    }

    /** Registers {@code ewma}. */
    public static final class Provider implements BalanceAlgorithmProvider {

        @Override
        public String name() {
            return "ewma";
        }

        @Override
        public BalanceAlgorithm create(List<String> arguments) {
            if (arguments.isEmpty()) {
                return new Ewma(PeakEwma.DEFAULT_DECAY_NANOS);
            }
            if (arguments.size() > 1) {
                throw new IllegalArgumentException("'ewma' takes at most one argument, the decay time, as in "
                        + "'ewma 10s'");
            }
            return new Ewma(parseDecay(arguments.get(0)));
        }

        /** A time as HAProxy writes them: digits and a unit among us, ms (the default), s, m and h; above 0. */
        static long parseDecay(String text) {
            int digits = 0;
            while (digits < text.length() && Character.isDigit(text.charAt(digits))) {
                digits++;
            }
            TimeUnit unit = switch (text.substring(digits)) {
                case "us" -> TimeUnit.MICROSECONDS;
                case "", "ms" -> TimeUnit.MILLISECONDS;
                case "s" -> TimeUnit.SECONDS;
                case "m" -> TimeUnit.MINUTES;
                case "h" -> TimeUnit.HOURS;
                default -> null;
            };
            if (digits == 0 || digits > 9 || unit == null || Long.parseLong(text.substring(0, digits)) == 0) {
                throw new IllegalArgumentException("the decay time of 'ewma' must be a time above 0 like 10s or "
                        + "500ms, not '" + text + "'");
            }
            return unit.toNanos(Long.parseLong(text.substring(0, digits)));
        }
    }
}
