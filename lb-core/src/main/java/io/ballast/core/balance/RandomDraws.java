package io.ballast.core.balance;

import io.ballast.core.server.Server;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code balance random} and {@code balance random(<draws>)}: draws {@code draws} servers at random, each
 * with a probability proportional to its weight, and sends the request to the least loaded of them
 * (lowest {@code inFlight / weight}; the earliest draw wins a tie, so idle servers are chosen in exact
 * proportion to their weights). The default of 2 draws is the "power of two choices": nearly the balance of
 * {@code leastconn} at the cost of two random numbers. {@code random(1)} is a plain weighted random.
 *
 * <p>HAProxy draws a random key in its consistent-hash tree; here a cumulative-weight array is built from
 * {@link Server#effectiveWeight()} at build time and searched by bisection, which gives the same distribution.
 * Weights are dynamic in the sense that the framework rebuilds the selector on every weight change and at each
 * step of a {@code slowstart} ramp. {@code hash-balance-factor}, which HAProxy also applies to {@code random}, is
 * not applied here.
 * Draws are independent, so the same server may be drawn twice. HAProxy 3.x breaks load ties with the
 * request rate; Ballast does not.
 *
 * <p><b>Threads.</b> {@code pick} is called from several event loops at once without a lock: the selector
 * holds only immutable arrays, uses {@link ThreadLocalRandom}, and reads the atomic in-flight counters on
 * {@link Server}.
 */
final class RandomDraws implements BalanceAlgorithm {

    /** Draws when none is given: the power of two choices. */
    static final int DEFAULT_DRAWS = 2;
    /** The most draws accepted; more would only cost time. */
    static final int MAX_DRAWS = 100;

    private final int draws;

    RandomDraws(int draws) {
        this.draws = draws;
    }

    @Override
    public boolean followsSlowStart() {
        return true;
    }

    @Override
    public ServerSelector build(List<Server> servers) {
        int n = servers.size();
        Server[] all = servers.toArray(new Server[0]);
        long[] weights = new long[n];
        long[] cumulative = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            weights[i] = Math.max(1, all[i].effectiveWeight());
            total += weights[i];
            cumulative[i] = total;
        }
        if (n == 1) {
            Server only = all[0];
            return request -> only;
        }
        long sum = total;
        int d = draws;
        return request -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int best = draw(cumulative, random.nextLong(sum));
            for (int k = 1; k < d; k++) {
                int c = draw(cumulative, random.nextLong(sum));
                // inFlight(c) / weight(c) < inFlight(best) / weight(best)
                if ((long) all[c].inFlight() * weights[best] < (long) all[best].inFlight() * weights[c]) {
                    best = c;
                }
            }
            return all[best];
        };
    }

    /** The index of the first cumulative weight above {@code r}, for {@code 0 <= r < total}. */
    private static int draw(long[] cumulative, long r) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > r) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** Registers {@code random}. */
    public static final class Provider implements BalanceAlgorithmProvider {

        @Override
        public String name() {
            return "random";
        }

        @Override
        public BalanceAlgorithm create(List<String> arguments) {
            if (arguments.isEmpty()) {
                return new RandomDraws(DEFAULT_DRAWS);
            }
            if (arguments.size() > 1) {
                throw new IllegalArgumentException("'random' takes at most one argument, the number of draws, "
                        + "as in 'random(" + DEFAULT_DRAWS + ")'");
            }
            return new RandomDraws(parseDraws(arguments.get(0)));
        }

        private static int parseDraws(String text) {
            String sentence = "the number of draws of 'random(<draws>)' must be a whole number from 1 to "
                    + MAX_DRAWS + ", not '" + text + "'";
            if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(sentence);
            }
            int draws = Integer.parseInt(text);
            if (draws < 1 || draws > MAX_DRAWS) {
                throw new IllegalArgumentException(sentence);
            }
            return draws;
        }
    }
}
