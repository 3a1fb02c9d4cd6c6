package io.ballast.acl.balance;

import io.ballast.core.balance.HaproxyHarness;
import io.ballast.core.balance.HaproxyHarness.Listen;
import io.ballast.core.balance.HaproxyHarness.Probe;
import io.ballast.core.server.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code balance hash <expr>} against a real HAProxy 2.6, map-based and consistent, with string, integer and
 * address samples: the same requests must pick the same servers. Skipped when HAProxy is not installed.
 */
class HashExpressionDifferentialTest {

    private static final int[] WEIGHTS_A = {1, 2, 3, 5, 4};
    private static final int[] WEIGHTS_B = {20, 10, 30, 40};

    private static final List<Listen> LISTENS = List.of(
            new Listen("cook", "hash req.cook(id)", null, WEIGHTS_A),
            new Listen("chash_cook", "hash req.cook(id)", "consistent", WEIGHTS_B),
            new Listen("host", "hash hdr(host),lower", "map-based djb2 avalanche", WEIGHTS_B),
            new Listen("chash_host", "hash hdr(host),lower", "consistent wt6", WEIGHTS_A),
            new Listen("path", "hash path", "map-based crc32", WEIGHTS_A),
            new Listen("chash_path", "hash path", "consistent sdbm avalanche", WEIGHTS_B),
            new Listen("src", "hash src", "map-based wt6", WEIGHTS_B),
            new Listen("chash_src", "hash src", "consistent", WEIGHTS_A),
            new Listen("int", "hash req.hdr_val(x-n)", null, WEIGHTS_A),
            new Listen("chash_int", "hash req.hdr_val(x-n)", "consistent crc32", WEIGHTS_B),
            new Listen("param", "hash url_param(id)", "map-based sdbm avalanche", WEIGHTS_B),
            new Listen("missing", "hash req.hdr(x-key)", null, WEIGHTS_A),
            new Listen("chash_missing", "hash req.hdr(x-key)", "consistent", WEIGHTS_A));

    private static HaproxyHarness harness;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HaproxyHarness.available(), "haproxy is not installed");
        harness = HaproxyHarness.start(LISTENS);
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private static List<Probe> probes(int count, IntFunction<Probe> probe) {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            probes.add(probe.apply(i));
        }
        return probes;
    }

    /** Asserts that HAProxy and Ballast pick alike for every probe on each of {@code listens}. */
    private static void assertSamePicks(List<Probe> probes, String... listens) throws Exception {
        for (String listen : listens) {
            assertEquals(List.of(), harness.mismatches(listen, probes));
        }
    }

    @Test
    void cookieValuesPickLikeHaproxy() throws Exception {
        // HAProxy finds no value in a lone "id=" (round robin) but an empty one in "id=; b=2" (hashed)
        assertSamePicks(probes(120, i -> Probe.of("/", switch (i % 10) {
            case 0 -> "Cookie: id=";
            case 1 -> "Cookie: id=; b=2";
            default -> "Cookie: a=1; id=user-" + i * 7919 + "; b=2";
        })), "cook", "chash_cook");
    }

    @Test
    void convertedHeaderPicksLikeHaproxy() throws Exception {
        assertSamePicks(probes(120, i -> Probe.of("/", "Host: WWW.Site" + i * 31 + ".Example.COM")),
                "host", "chash_host");
    }

    @Test
    void pathPicksLikeHaproxy() throws Exception {
        assertSamePicks(probes(120, i -> Probe.of("/img/" + i + "/p-" + i * 104729 % 1000 + ".jpg?v=" + i)),
                "path", "chash_path");
    }

    @Test
    void addressesHashAsTheirFourBytes() throws Exception {
        assertSamePicks(probes(120, i -> new Probe("127.0." + (i * 37 % 256) + "." + (1 + i * 11 % 254), "/",
                List.of())), "src", "chash_src");
    }

    @Test
    void integersHashAsEightBigEndianBytes() throws Exception {
        assertSamePicks(probes(120, i -> Probe.of("/", "x-n: " + (i % 7 == 0 ? -i : (long) i * 982451653L))),
                "int", "chash_int");
    }

    @Test
    void urlParameterPicksLikeHaproxy() throws Exception {
        assertSamePicks(probes(120, i -> Probe.of("/p?a=1&id=session" + i * 13)), "param");
    }

    @Test
    void missingKeyGoesRoundRobinAndEmptyKeyIsHashed() throws Exception {
        for (String listen : List.of("missing", "chash_missing")) {
            Backend fresh = harness.backend(listen);
            for (int i = 0; i < 24; i++) {
                Probe probe = i % 3 == 0 ? Probe.of("/", "x-key: k" + i) : i % 3 == 1 ? Probe.of("/")
                        : Probe.of("/", "x-key:");
                assertEquals(harness.viaHaproxy(listen, probe), harness.viaBallast(fresh, listen, probe),
                        listen + " step " + i + " " + probe);
            }
        }
    }
}
