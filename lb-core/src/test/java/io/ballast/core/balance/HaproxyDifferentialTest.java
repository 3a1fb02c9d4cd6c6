package io.ballast.core.balance;

import io.ballast.core.balance.HaproxyHarness.Listen;
import io.ballast.core.balance.HaproxyHarness.Probe;
import io.ballast.core.server.Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Sends the same keys through a real HAProxy 2.6 and through Ballast's algorithms and checks that both pick the
 * same server for every key. Skipped when {@code /usr/sbin/haproxy} is not installed.
 */
class HaproxyDifferentialTest {

    private static final int[] WEIGHTS_A = {1, 2, 3, 5, 4};
    private static final int[] WEIGHTS_B = {20, 10, 30, 40}; // gcd 10

    private static final List<Listen> LISTENS = List.of(
            new Listen("uri", "uri", null, WEIGHTS_A),
            new Listen("uri_opts", "uri len 12 depth 2", "map-based djb2", WEIGHTS_B),
            new Listen("uri_whole", "uri whole path-only", "map-based crc32 avalanche", WEIGHTS_A),
            new Listen("hdr", "hdr(x-key)", "map-based wt6 avalanche", WEIGHTS_A),
            new Listen("hdr_domain", "hdr(host) use_domain_only", null, WEIGHTS_B),
            new Listen("url_param", "url_param id", null, WEIGHTS_B),
            new Listen("source", "source", null, WEIGHTS_A),
            new Listen("source_aval", "source", "map-based sdbm avalanche", WEIGHTS_B),
            new Listen("chash_uri", "uri", "consistent", WEIGHTS_A),
            new Listen("chash_uri_b", "uri whole", "consistent wt6", WEIGHTS_B),
            new Listen("chash_hdr", "hdr(x-key)", "consistent djb2 avalanche", WEIGHTS_A),
            new Listen("chash_param", "url_param id", "consistent crc32", WEIGHTS_B),
            new Listen("chash_source", "source", "consistent", WEIGHTS_A));

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

    private static List<Probe> targets(List<String> targets) {
        return targets.stream().map(Probe::of).toList();
    }

    private static List<String> uris() {
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            uris.add("/img/" + i + "/photo-" + (i * 7919 % 1000) + ".jpg" + (i % 3 == 0 ? "?v=" + i : ""));
        }
        uris.addAll(List.of("/", "/a", "/a/b/c/d", "/x?y", "/%C3%A9t%C3%A9/z", "/very/long/path/that/exceeds/len"));
        return uris;
    }

    /** Probes from these client addresses. */
    private static List<Probe> sources(int multiplier, int step) {
        List<Probe> probes = new ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            probes.add(new Probe("127.0." + (i * multiplier % 256) + "." + (1 + i * step % 254), "/", List.of()));
        }
        return probes;
    }

    /** Asserts that HAProxy and Ballast pick alike for every probe and that there were {@code count} of them. */
    private static void assertSamePicks(String listen, int count, List<Probe> probes) throws Exception {
        assertEquals(count, probes.size());
        assertEquals(List.of(), harness.mismatches(listen, probes));
    }

    @Test
    void uriPicksLikeHaproxy() throws Exception {
        assertSamePicks("uri", 126, targets(uris()));
        assertSamePicks("uri_opts", 126, targets(uris()));
        List<Probe> absolute = new ArrayList<>(targets(uris()));
        for (int i = 0; i < 30; i++) {
            // HAProxy refuses an absolute target whose authority differs from the Host header
            absolute.add(Probe.of("http://h" + i + ".example.com/abs/" + i + "?q=" + i, "Host: h" + i + ".example.com"));
        }
        assertSamePicks("uri_whole", 156, absolute);
    }

    @Test
    void headerPicksLikeHaproxy() throws Exception {
        List<Probe> keys = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            keys.add(Probe.of("/", "X-Key: " + (i % 10 == 0 ? "user-" + i + ", other" : "user-" + i * 31)));
        }
        assertSamePicks("hdr", 120, keys);
        List<Probe> hosts = new ArrayList<>();
        String[] tlds = {"com", "eu", "org", "io"};
        for (int i = 0; i < 120; i++) {
            String host = switch (i % 4) {
                case 0 -> "www.site" + i + "." + tlds[i % 4];
                case 1 -> "a.b.domain" + i + "." + tlds[i % 4];
                case 2 -> "single" + i;
                default -> "site" + i + "." + tlds[i % 4];
            };
            hosts.add(Probe.of("/", "Host: " + host));
        }
        assertSamePicks("hdr_domain", 120, hosts);
    }

    @Test
    void urlParamPicksLikeHaproxyAndFallsBackToTheMapRoundRobin() throws Exception {
        // first, keyless requests on a fresh backend walk the map from its first slot, as Ballast's fresh selector
        Backend fresh = harness.backend("url_param");
        for (int i = 0; i < 12; i++) {
            Probe probe = Probe.of(i % 2 == 0 ? "/no-query" : "/?other=1&idx=2");
            assertEquals(harness.viaHaproxy("url_param", probe), harness.viaBallast(fresh, "url_param", probe),
                    "round robin step " + i);
        }
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            targets.add(switch (i % 4) {
                case 0 -> "/p?id=" + i;
                case 1 -> "/p?a=1&id=session" + i * 13 + "&b=2";
                case 2 -> "/p?xid=9&id=" + (i * 101) + "&id=last";
                default -> "/p/q?id=" + Integer.toHexString(i * 7777);
            });
        }
        targets.add("/p?id=");
        assertSamePicks("url_param", 121, targets(targets));
    }

    @Test
    void repeatedHeaderHashesItsFirstOccurrenceLikeHaproxy() throws Exception {
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            probes.add(Probe.of("/", "x-key: first-" + i, "x-other: y", "X-Key: second-" + (i * 17)));
        }
        assertSamePicks("hdr", 60, probes);
        assertSamePicks("chash_hdr", 60, probes);
    }

    @Test
    void consistentHashingPicksLikeHaproxy() throws Exception {
        assertSamePicks("chash_uri", 126, targets(uris()));
        assertSamePicks("chash_uri_b", 126, targets(uris()));
        List<Probe> keys = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            keys.add(Probe.of("/p?a=" + i + "&id=user" + (i * 7919), "X-Key: session-" + (i * 104729)));
        }
        assertSamePicks("chash_hdr", 120, keys);
        assertSamePicks("chash_param", 120, keys);
        assertSamePicks("chash_source", 120, sources(53, 13));
    }

    @Test
    void sourcePicksLikeHaproxy() throws Exception {
        assertSamePicks("source", 120, sources(37, 11));
        assertSamePicks("source_aval", 120, sources(37, 11));
    }
}
