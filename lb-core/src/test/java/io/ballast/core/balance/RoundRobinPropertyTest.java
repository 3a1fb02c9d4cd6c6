package io.ballast.core.balance;

import io.ballast.core.server.Backend;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.ballast.core.balance.BalanceTestSupport.backend;
import static io.ballast.core.balance.BalanceTestSupport.picks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundRobinPropertyTest {

    @Test
    void exactOverOneCycleAndCloseToTheShareAtEveryStep() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 30; round++) {
            int n = 2 + random.nextInt(12);
            String[] lines = new String[n];
            int[] weights = new int[n];
            int gcd = 0;
            for (int i = 0; i < n; i++) {
                weights[i] = 1 + random.nextInt(random.nextBoolean() ? 5 : 256);
                gcd = BigInteger.valueOf(gcd).gcd(BigInteger.valueOf(weights[i])).intValue();
                lines[i] = "s" + i + " 127.0.0.1:" + (1000 + i) + " weight " + weights[i];
            }
            int cycle = 0;
            for (int w : weights) {
                cycle += w / gcd;
            }
            Backend backend = backend("roundrobin", lines);
            List<String> order = picks(backend, cycle);
            Map<String, Integer> seen = new HashMap<>();
            for (int step = 1; step <= cycle; step++) {
                seen.merge(order.get(step - 1), 1, Integer::sum);
                for (int i = 0; i < n; i++) {
                    double share = (double) step * (weights[i] / gcd) / cycle;
                    int got = seen.getOrDefault("s" + i, 0);
                    // smooth interleaving: never two picks away from the ideal share at any point of the cycle
                    assertTrue(Math.abs(got - share) < 2.0, "round " + round + " step " + step + " s" + i
                            + ": " + got + " picks for a share of " + share);
                }
            }
            for (int i = 0; i < n; i++) {
                assertEquals(weights[i] / gcd, seen.getOrDefault("s" + i, 0), "exact over one cycle");
            }
        }
    }
}
