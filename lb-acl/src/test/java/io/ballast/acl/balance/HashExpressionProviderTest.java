package io.ballast.acl.balance;

import io.ballast.acl.SampleContext;
import io.ballast.acl.AclCompiler;
import io.ballast.acl.SampleExpression;
import io.ballast.core.balance.BalanceAlgorithm;
import io.ballast.core.balance.BalanceAlgorithms;
import io.ballast.core.balance.KeyedHash;
import io.ballast.core.balance.ServerSelector;
import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.config.HashType;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.SimpleRequestView;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HashExpressionProviderTest {

    private static final RequestView REQUEST = SimpleRequestView.builder("GET", "/a/b?id=42")
            .header("Host", "Example.COM").header("x-n", "258")
            .clientAddress(new InetSocketAddress("10.1.2.3", 40000))
            .localAddress(new InetSocketAddress("[2001:db8::1]", 80)).build();

    private static String config(String balance, String hashType) {
        return "defaults\n  mode http\n  timeout connect 5s\n  timeout client 5s\n  timeout server 5s\n"
                + "backend be\n  balance " + balance + "\n  hash-type " + hashType + "\n"
                + "  server s1 10.0.0.1:80\n  server s2 10.0.0.2:80 weight 3\n  server s3 10.0.0.3:80 weight 2\n";
    }

    private static Backend backend(String balance, String hashType) throws ConfigException {
        BackendConfig be = ConfigLoader.withEnvironment(Map.of()).parse("t.cfg", config(balance, hashType)).config()
                .backend("be").orElseThrow();
        return new Backend(be, BalanceAlgorithms.create(be.balance()));
    }

    /** The first error of a configuration that must fail, as printed. */
    private static String error(String balance) {
        ConfigException e = assertThrows(ConfigException.class, () -> backend(balance, "consistent"));
        return e.errors().get(0).toString();
    }

    private static byte[] binary(String expression) throws Exception {
        SampleExpression e = AclCompiler.create().sample(expression, null);
        return e.evaluateBinary(SampleContext.of(REQUEST));
    }

    @Test
    void wrongExpressionsAreReportedWithTheBalanceLine() {
        assertEquals("parsing [t.cfg:7] : 'balance' : balance hash requires a sample expression.", error("hash"));
        assertEquals("parsing [t.cfg:7] : 'balance' : balance hash takes no other argument (got 'extra').",
                error("hash path extra"));
        assertEquals("parsing [t.cfg:7] : 'balance' : failed to parse sample expression <req.cookie(id)> : "
                + "unknown fetch method 'req.cookie'. Did you mean 'req.cook'?", error("hash req.cookie(id)"));
        assertEquals("parsing [t.cfg:7] : 'balance' : failed to parse sample expression <path,lowr> : "
                + "unknown converter 'lowr'. Did you mean 'lower'?", error("hash path,lowr"));
    }

    @Test
    void samplesAreHashedAsHaproxyCastsThemToBinary() throws Exception {
        assertArrayEquals("example.com".getBytes(StandardCharsets.ISO_8859_1), binary("hdr(host),lower"));
        assertArrayEquals(new byte[] {10, 1, 2, 3}, binary("src"));
        assertArrayEquals(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1},
                binary("dst"));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2}, binary("req.hdr_val(x-n)"));
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, binary("req.hdr(x-n),bool"));
        assertNull(binary("req.hdr(x-missing)"));
        assertNull(binary("var(txn.x)"));
        assertNull(binary("res.hdr(x)"));
    }

    @Test
    void picksTheServerOfTheHashedValueWithTheBackendsHashType() throws Exception {
        Backend backend = backend("hash url_param(id)", "consistent");
        BalanceSpec spec = new BalanceSpec("hash", List.of("url_param(id)"),
                new HashType(HashType.Method.CONSISTENT, HashType.Function.SDBM, true));
        BalanceAlgorithm reference = KeyedHash.of(spec, r -> KeyedHash.bytes(r.query().substring(3)));
        ServerSelector expected = reference.build(backend.servers());
        Set<String> picked = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            RequestView r = SimpleRequestView.builder("GET", "/?id=user" + i * 7919).build();
            Server server = backend.pick(r);
            assertEquals(expected.pick(r), server, r.uri());
            assertEquals(server, backend.pick(r), "the same key, the same server");
            picked.add(server.name());
        }
        assertEquals(Set.of("s1", "s2", "s3"), picked);
    }

    @Test
    void requestsWithoutTheKeyWalkTheMapRoundRobin() throws Exception {
        Backend backend = backend("hash req.cook(id)", "map-based");
        RequestView keyless = SimpleRequestView.builder("GET", "/").header("Cookie", "other=1").build();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < 96; i++) { // one walk of the map: 16 slots per unit of weight
            counts.merge(backend.pick(keyless).name(), 1, Integer::sum);
        }
        assertEquals(Map.of("s1", 16, "s2", 48, "s3", 32), counts);
    }
}
