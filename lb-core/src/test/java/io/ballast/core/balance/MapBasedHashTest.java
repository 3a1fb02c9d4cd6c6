package io.ballast.core.balance;

import io.ballast.core.config.ServerCheckSettings;
import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.HashType;
import io.ballast.core.config.InetEndpoint;
import io.ballast.core.config.ServerConfig;
import io.ballast.core.config.SourceLocation;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.SimpleRequestView;
import io.ballast.core.server.Server;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapBasedHashTest {

    private static final SourceLocation HERE = new SourceLocation("t.cfg", 1);

    static Server server(String name, int weight) {
        InetEndpoint address = new InetEndpoint("127.0.0.1:80", "127.0.0.1", InetEndpoint.AddressFamily.IPV4, 80, 80);
        return new Server("be", new ServerConfig(name, address, weight, false, false, 0, false, 0, 2000, 0, 0, 2, 3, HERE, ServerCheckSettings.DEFAULTS));
    }

    /** A GET of {@code target} with these header name/value pairs. */
    static RequestView request(String target, String... headers) {
        SimpleRequestView.Builder b = SimpleRequestView.builder("GET", target);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    private static String names(MapBasedTable t) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.size(); i++) {
            b.append(t.slot(i).name());
        }
        return b.toString();
    }

    @Test
    void tableIsScaledBy16AndInterleavedLikeLbMap() {
        MapBasedTable equal = MapBasedTable.of(List.of(server("a", 1), server("b", 1)));
        assertEquals("ab".repeat(16), names(equal));
        MapBasedTable weighted = MapBasedTable.of(List.of(server("a", 3), server("b", 1)));
        assertEquals(64, weighted.size());
        assertEquals("aaab".repeat(16), names(weighted));
        MapBasedTable reduced = MapBasedTable.of(List.of(server("a", 20), server("b", 10)));
        assertEquals(48, reduced.size()); // weights divided by their gcd (10) before the x16 scale
    }

    @Test
    void lookupIsUnsignedModulo() {
        MapBasedTable t = MapBasedTable.of(List.of(server("a", 1), server("b", 2)));
        assertEquals(t.slot((int) (0xFFFFFFFFL % 48)), t.lookup(0xFFFFFFFF));
    }

    private static long unsigned(int hash) {
        return Integer.toUnsignedLong(hash);
    }

    @Test
    void uriHashStopsAtQuestionMarkLenAndDepth() {
        UriHash plain = (UriHash) new UriHash.Provider().create(List.of());
        assertEquals(plain.keyHash(request("/a/b")), plain.keyHash(request("/a/b?x=1")));
        UriHash whole = (UriHash) new UriHash.Provider().create(List.of("whole"));
        assertTrue(whole.keyHash(request("/a/b")) != whole.keyHash(request("/a/b?x=1")));
        UriHash depth = (UriHash) new UriHash.Provider().create(List.of("depth", "1"));
        assertEquals(unsigned(HashFunctions.sdbm("/a".getBytes(), 0, 2)), depth.keyHash(request("/a/b/c")));
        UriHash len = (UriHash) new UriHash.Provider().create(List.of("len", "3"));
        assertEquals(unsigned(HashFunctions.sdbm("/ab".getBytes(), 0, 3)), len.keyHash(request("/abcdef")));
        UriHash pathOnly = (UriHash) new UriHash.Provider().create(List.of("path-only"));
        assertEquals(pathOnly.keyHash(request("/x/y")), pathOnly.keyHash(request("http://h.example:80/x/y?q")));
        assertThrows(IllegalArgumentException.class, () -> new UriHash.Provider().create(List.of("len", "0")));
        assertThrows(IllegalArgumentException.class, () -> new UriHash.Provider().create(List.of("bogus")));
    }

    @Test
    void headerHashUsesFirstValueAndDomainOnly() {
        HeaderHash h = (HeaderHash) new HeaderHash.Provider().create(List.of("host", "use_domain_only"));
        int oneWt = HashFunctions.sdbm("1wt".getBytes(), 0, 3);
        assertEquals(unsigned(oneWt), h.keyHash(request("/", "host", "haproxy.1wt.eu")));
        assertEquals(unsigned(HashFunctions.sdbm("localhost".getBytes(), 0, 9)),
                h.keyHash(request("/", "host", "localhost")));
        HeaderHash x = (HeaderHash) new HeaderHash.Provider().create(List.of("x-key"));
        assertEquals(unsigned(HashFunctions.sdbm("a".getBytes(), 0, 1)), x.keyHash(request("/", "x-key", " a , b")));
        assertEquals(HashAlgorithm.NO_KEY, x.keyHash(request("/", "x-key", "")));
        assertEquals(HashAlgorithm.NO_KEY, x.keyHash(request("/")));
        assertThrows(IllegalArgumentException.class, () -> new HeaderHash.Provider().create(List.of("host", "x")));
    }

    @Test
    void urlParamFindsRawValueOrNothing() {
        UrlParamHash p = (UrlParamHash) new UrlParamHash.Provider().create(List.of("id"));
        assertEquals(unsigned(HashFunctions.sdbm("42".getBytes(), 0, 2)), p.keyHash(request("/?xid=1&id=42&id=7")));
        assertEquals(0L, p.keyHash(request("/?id=")));
        assertEquals(HashAlgorithm.NO_KEY, p.keyHash(request("/?idx=1")));
        assertEquals(HashAlgorithm.NO_KEY, p.keyHash(request("/path")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new UrlParamHash.Provider().create(List.of("id", "check_post")));
        assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
    }

    @Test
    void missingKeyGoesRoundRobinOverTheTable() {
        ServerSelector s = new UrlParamHash.Provider().create(List.of("id"))
                .build(List.of(server("a", 1), server("b", 1)));
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            picks.add(s.pick(request("/")).name());
        }
        assertEquals(List.of("a", "b", "a", "b"), picks);
    }

    @Test
    void sourceFoldsAddressWordsAndAvalancheIsOptional() throws Exception {
        assertEquals(0x7F000001, SourceHash.fold(InetAddress.getByName("127.0.0.1")));
        assertEquals(0x20010db8 ^ 0x1, SourceHash.fold(InetAddress.getByName("2001:db8::1")));
        List<Server> servers = List.of(server("a", 1), server("b", 2), server("c", 3));
        MapBasedTable table = MapBasedTable.of(servers);
        RequestView req = SimpleRequestView.builder("GET", "/")
                .clientAddress(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 5000)).build();
        BalanceAlgorithm plain = BalanceAlgorithms.create(new BalanceSpec("source", List.of()));
        assertEquals(table.lookup(0x0A010203), plain.build(servers).pick(req));
        BalanceAlgorithm aval = BalanceAlgorithms.create(new BalanceSpec("source", List.of(),
                new HashType(HashType.Method.MAP_BASED, HashType.Function.SDBM, true)));
        assertEquals(table.lookup(HashFunctions.fullHash(0x0A010203)), aval.build(servers).pick(req));
    }

    @Test
    void hashFunctionComesFromHashType() {
        List<Server> servers = List.of(server("a", 1), server("b", 1), server("c", 1));
        MapBasedTable table = MapBasedTable.of(servers);
        BalanceAlgorithm crc = BalanceAlgorithms.create(new BalanceSpec("uri", List.of(),
                new HashType(HashType.Method.MAP_BASED, HashType.Function.CRC32, false)));
        assertEquals(table.lookup(HashFunctions.crc32("/abc".getBytes(), 0, 4)), crc.build(servers).pick(request("/abc")));
    }
}
