package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The walkthrough's configuration (examples/haproxy.cfg). */
class SeedConfigTest {

    private static LoadedConfig loadSeed() throws ConfigException {
        return ConfigLoader.withEnvironment(Map.of()).parse("haproxy.cfg", TestConfigs.seed());
    }

    private static long count(List<Diagnostic> ws, String keyword) {
        return ws.stream().filter(w -> keyword.equals(w.keyword())).count();
    }

    @Test
    void legacyTimeoutsGiveExactlyThreeWarningsNamingTheModernKeywords() throws Exception {
        List<Diagnostic> ws = loadSeed().warnings();
        List<Diagnostic> legacy = ws.stream().filter(w -> w.keyword().endsWith("timeout")).toList();
        assertEquals(3, legacy.size(), TestConfigs.warnings(ws));
        assertEquals("parsing [haproxy.cfg:19] : 'contimeout' : 'contimeout' is deprecated (HAProxy 2.1+ refuses it); "
                + "Ballast reads it as 'timeout connect 5000'. Use 'timeout connect' instead.", legacy.get(0).toString());
        assertTrue(legacy.get(1).message().contains("Use 'timeout client' instead."));
        assertTrue(legacy.get(2).message().contains("Use 'timeout server' instead."));
    }

    @Test
    void warnsAboutWhatTheJvmCannotDoAndNothingElse() throws Exception {
        List<Diagnostic> ws = loadSeed().warnings();
        assertEquals(1, count(ws, "chroot"));
        assertEquals(1, count(ws, "user"));
        assertEquals(1, count(ws, "group"));
        assertEquals(0, count(ws, "stats socket"), "the runtime API socket is created as configured");
        assertEquals(0, count(ws, "log"), "logs go to /dev/log as configured");
        assertEquals(3 + 1 + 1 + 1, ws.size(), TestConfigs.warnings(ws));
        assertTrue(ws.stream().noneMatch(w -> w.message().contains("missing timeouts")));
        Diagnostic user = ws.stream().filter(w -> "user".equals(w.keyword())).findFirst().orElseThrow();
        assertEquals(new SourceLocation("haproxy.cfg", 10), user.location());
        assertTrue(user.message().contains("User="), user.message());
    }

    @Test
    void globalSection() throws Exception {
        GlobalConfig g = loadSeed().config().global();
        assertTrue(g.daemon());
        assertEquals(2, g.logs().size());
        assertEquals(new LogTarget("/dev/log", "local1", "notice", new SourceLocation("haproxy.cfg", 6)), g.logs().get(1));
    }

    @Test
    void frontend() throws Exception {
        BallastConfig c = loadSeed().config();
        assertEquals(1, c.frontends().size());
        FrontendConfig fe = c.frontends().get(0);
        assertEquals("haproxy_in", fe.name());
        assertEquals(ProxyMode.HTTP, fe.mode());
        assertEquals("haproxy_in", fe.defaultBackend());
        assertEquals(1, fe.binds().size());
        InetEndpoint ep = assertInstanceOf(InetEndpoint.class, fe.binds().get(0).endpoint());
        assertNull(ep.host());
        assertEquals(80, ep.firstPort());
        assertEquals(80, ep.lastPort());
        assertEquals("*:80", ep.text());
        assertEquals(new Timeouts(5000, 50000, 50000, 0, 0, 0, 0, 0, 0, 0, 0), fe.timeouts());
        assertTrue(fe.httpLog());
        assertEquals(LogFormats.HTTPLOG, fe.logFormat());
        assertTrue(fe.dontLogNull());
        assertEquals(2, fe.logs().size(), "log global expands to the two global targets");
        assertEquals(7, fe.errorFiles().size());
    }

    @Test
    void backend() throws Exception {
        BackendConfig be = loadSeed().config().backend("haproxy_in").orElseThrow();
        assertEquals(ProxyMode.HTTP, be.mode());
        assertEquals(BalanceSpec.ROUND_ROBIN, be.balance());
        assertEquals(new Timeouts(5000, 50000, 50000, 0, 0, 0, 0, 0, 0, 0, 0), be.timeouts());
        assertEquals(3, be.retries());
        assertEquals(2, be.servers().size());
        ServerConfig web01 = be.servers().get(0);
        assertEquals("web01", web01.name());
        assertEquals(new InetEndpoint("172.31.6.124:80", "172.31.6.124", InetEndpoint.AddressFamily.IPV4, 80, 80),
                web01.address());
        assertTrue(web01.check());
        assertEquals(1, web01.weight());
        assertEquals(2000, web01.inter());
        assertEquals(2, web01.rise());
        assertEquals(3, web01.fall());
        assertEquals("web02", be.servers().get(1).name());
        assertTrue(be.servers().get(1).check());
    }

    @Test
    void errorFilesAreReadAtLoad() throws Exception {
        BackendConfig be = loadSeed().config().backend("haproxy_in").orElseThrow();
        ErrorFile e503 = be.errorFiles().get(503);
        assertEquals(503, e503.status());
        byte[] expected = Files.readAllBytes(TestConfigs.resources().resolve("errors/503.http"));
        assertEquals(new String(expected), new String(e503.content()));
        assertEquals(List.of(400, 403, 408, 500, 502, 503, 504),
                be.errorFiles().keySet().stream().sorted().toList());
    }

    @Test
    void theRealExampleFileLoadsWhereHaproxyIsInstalled() throws Exception {
        Path example = Path.of("../examples/haproxy.cfg");
        assumeTrue(Files.exists(example) && Files.isReadable(Path.of("/etc/haproxy/errors/503.http")));
        LoadedConfig loaded = ConfigLoader.withEnvironment(Map.of()).load(List.of(example));
        assertEquals(6, loaded.warnings().size(), TestConfigs.warnings(loaded.warnings()));
        assertEquals("haproxy_in", loaded.config().frontends().get(0).defaultBackend());
    }
}
