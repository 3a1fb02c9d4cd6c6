package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SectionsAndValidationTest {

    @Test
    void proxyInheritsFromTheLastDefaults() throws Exception {
        BallastConfig c = load(cfg("defaults", "  mode http", "  timeout connect 1s", "backend a",
                "defaults", "  timeout connect 2s", "backend b")).config();
        assertEquals(ProxyMode.HTTP, c.backend("a").orElseThrow().mode());
        assertEquals(1000, c.backend("a").orElseThrow().timeouts().connect());
        assertEquals(ProxyMode.TCP, c.backend("b").orElseThrow().mode(), "a new defaults starts from scratch");
        assertEquals(2000, c.backend("b").orElseThrow().timeouts().connect());
    }

    @Test
    void fromNamesADefaultsSection() throws Exception {
        BallastConfig c = load(cfg("defaults web", "  mode http", "  retries 7", "defaults tcp", "  mode tcp",
                "defaults child from web", "  retries 2", "backend a from web", "backend b", "backend c from child"))
                .config();
        assertEquals(ProxyMode.HTTP, c.backend("a").orElseThrow().mode());
        assertEquals(7, c.backend("a").orElseThrow().retries());
        assertEquals(ProxyMode.HTTP, c.backend("b").orElseThrow().mode(), "last defaults is 'child', from 'web'");
        assertEquals(2, c.backend("c").orElseThrow().retries());
    }

    @Test
    void fromUnknownDefaultsIsAnError() {
        ConfigException e = fails(cfg("backend a from nope"));
        assertTrue(errors(e).contains("[t.cfg:1] : 'backend' : unable to find defaults section 'nope'"), errors(e));
    }

    @Test
    void listenIsAFrontendAndABackend() throws Exception {
        BallastConfig c = load(cfg("listen web", "  mode http", "  timeout client 1s", "  timeout connect 1s",
                "  timeout server 1s", "  bind :8000", "  server s 127.0.0.1:80")).config();
        assertEquals("web", c.frontends().get(0).defaultBackend());
        assertEquals(1, c.backend("web").orElseThrow().servers().size());
    }

    @Test
    void frontendAndBackendMayShareANameButNotTwoFrontends() throws Exception {
        load(minimal());
        ConfigException e = fails(minimal() + cfg("frontend fe", "  bind :9"));
        assertTrue(errors(e).contains("[t.cfg:11] : 'frontend' : a frontend named 'fe' already exists at t.cfg:6"), errors(e));
    }

    @Test
    void invalidProxyName() {
        ConfigException e = fails(cfg("backend a/b"));
        assertTrue(errors(e).contains("character '/' is not permitted in 'backend' name 'a/b'"), errors(e));
    }

    @Test
    void missingDefaultBackend() {
        ConfigException e = fails(cfg("defaults", "  timeout client 1s", "frontend fe", "  bind :80",
                "  default_backend nothere", "backend other"));
        assertEquals("parsing [t.cfg:5] : 'default_backend' : Proxy 'fe': unable to find required default_backend: "
                + "'nothere' (existing backends: other); did you mean 'other'?", e.errors().get(0).toString());
    }

    @Test
    void httpFrontendCannotUseTcpBackend() {
        ConfigException e = fails(cfg("frontend h", "  mode http", "  bind :80", "  default_backend t", "backend t"));
        assertTrue(errors(e).contains("http frontend 'h' (t.cfg:1) tries to use incompatible tcp backend 't' (t.cfg:5)"),
                errors(e));
    }

    @Test
    void tcpFrontendMayUseHttpBackend() throws Exception {
        load(cfg("frontend h", "  bind :80", "  default_backend t", "backend t", "  mode http"));
    }

    @Test
    void frontendWithoutBindWarns() throws Exception {
        LoadedConfig c = load(cfg("defaults", "  timeout client 1s", "frontend fe"));
        assertTrue(warnings(c.warnings()).contains("frontend 'fe' has no 'bind' directive. Please declare it as a "
                + "backend if this was intended."), warnings(c.warnings()));
    }

    @Test
    void missingTimeoutsWarnWithHaproxysWording() throws Exception {
        LoadedConfig c = load(cfg("listen l", "  bind :80"));
        assertEquals("parsing [t.cfg:1] : 'listen' : missing timeouts for proxy 'l'. While not properly invalid, you "
                + "will certainly encounter various problems with such a configuration. To fix this, please ensure "
                + "that all following timeouts are set to a non-zero value: 'client', 'connect', 'server'.",
                c.warnings().get(0).toString());
        assertEquals(0, load(minimal()).warnings().size());
    }

    @Test
    void unknownKeywordSuggestsTheClosestOne() {
        ConfigException e = fails(minimal("  servr s1 127.0.0.1:80"));
        assertEquals("parsing [t.cfg:10] : 'servr' : unknown keyword 'servr' in 'backend' section; did you mean 'server'?",
                e.errors().get(0).toString());
    }

    @Test
    void everyErrorIsReportedNotOnlyTheFirst() {
        ConfigException e = fails(minimal("  servr a", "  timeout server 5x", "  server s 127.0.0.1:80 weight 999"));
        assertEquals(3, e.errors().size(), errors(e));
        assertTrue(errors(e).contains("[t.cfg:11] : 'timeout' : unexpected character 'x' in 'timeout server': it "
                + "expects a time like 5s or 500ms"), errors(e));
    }

    @Test
    void timerOverflow() {
        ConfigException e = fails(minimal("  timeout connect 3000000000"));
        assertTrue(errors(e).contains("[t.cfg:10] : 'timeout' : timer overflow in argument '3000000000' to 'timeout connect'"),
                errors(e));
    }

    @Test
    void fileMustStartWithASection() {
        ConfigException e = fails(cfg("  maxconn 10", "global"));
        assertTrue(errors(e).contains("[t.cfg:1] : 'maxconn' : unknown keyword 'maxconn' out of section"), errors(e));
    }

    @Test
    void globalKeywords() throws Exception {
        GlobalConfig g = load(cfg("global", "  maxconn 2000", "  nbthread 4", "  pidfile /run/b.pid",
                "  tune.bufsize 32768", "  hard-stop-after 30s", "  daemon", "  description x y", "  node n1")).config().global();
        assertEquals(new GlobalConfig(2000, 4, true, "/run/b.pid", 32768, List.of(), 30000, false, 0, 0, null), g);
    }

    @Test
    void nbprocIsRemoved() {
        ConfigException e = fails(cfg("global", "  nbproc 2"));
        assertTrue(errors(e).contains("nbproc is not supported any more since HAProxy 2.5"), errors(e));
    }

    @Test
    void tlsGlobalsApplyOrWarn() throws Exception {
        LoadedConfig c = load(cfg("global", "  ssl-default-bind-ciphers ECDHE", "  ca-base /etc/ssl/certs",
                "  ssl-dh-param-file /etc/dh.pem"));
        assertEquals(1, c.warnings().size(), warnings(c.warnings()));
        assertTrue(c.warnings().get(0).message().contains("'ssl-dh-param-file' is not supported yet; ignored"));
    }

    @Test
    void bindAddressForms() throws Exception {
        String text = cfg("defaults", "  timeout client 1s", "frontend fe",
                "  bind :80,0.0.0.0:81 name web", "  bind [::]:82", "  bind ipv6@:::83", "  bind 127.0.0.1:8080-8085",
                "  bind unix@/run/b.sock", "  bind /run/c.sock", "  bind localhost:84", "  bind fd@4");
        List<BindConfig> b = load(text).config().frontends().get(0).binds();
        assertEquals(9, b.size());
        assertEquals(new BindConfig(new InetEndpoint(":80", null, InetEndpoint.AddressFamily.ANY, 80, 80), "web",
                new SourceLocation("t.cfg", 4)), b.get(0));
        assertEquals(InetEndpoint.AddressFamily.IPV4, ((InetEndpoint) b.get(1).endpoint()).family());
        assertNull(((InetEndpoint) b.get(2).endpoint()).host());
        assertEquals(InetEndpoint.AddressFamily.IPV6, ((InetEndpoint) b.get(3).endpoint()).family());
        assertEquals(8085, ((InetEndpoint) b.get(4).endpoint()).lastPort());
        assertEquals("/run/b.sock", assertInstanceOf(UnixEndpoint.class, b.get(5).endpoint()).path());
        assertEquals("/run/c.sock", assertInstanceOf(UnixEndpoint.class, b.get(6).endpoint()).path());
        assertEquals("localhost", ((InetEndpoint) b.get(7).endpoint()).host());
        assertEquals(4, assertInstanceOf(FdEndpoint.class, b.get(8).endpoint()).fd());
    }

    @Test
    void badBindAddresses() {
        ConfigException e = fails(cfg("frontend fe", "  bind :0", "  bind 127.0.0.1", "  bind abns@x",
                "  bind 1.2.3.4:85-84", "  bind nosuch.invalid:80", "  bind fd@${NOPE}"));
        assertEquals(6, e.errors().size(), errors(e));
        assertTrue(errors(e).contains("[t.cfg:2] : 'bind' : invalid port '0'"), errors(e));
        assertTrue(errors(e).contains("[t.cfg:3] : 'bind' : missing port specification in '127.0.0.1'"), errors(e));
        assertTrue(errors(e).contains("[t.cfg:4] : 'bind' : abstract namespace sockets ('abns@') are not supported yet"), errors(e));
        assertTrue(errors(e).contains("[t.cfg:5] : 'bind' : invalid port range '85-84'"), errors(e));
        assertTrue(errors(e).contains("[t.cfg:6] : 'bind' : could not resolve address 'nosuch.invalid'"), errors(e));
        assertTrue(errors(e).contains("[t.cfg:7] : 'bind' : 'fd@' expects a file descriptor number"), errors(e));
    }

    @Test
    void bindOptions() {
        ConfigException e = fails(cfg("frontend fe", "  bind :443 ssl crt /x.pem",
                "  bind :80 defer-accept backlog 100 v4v6", "  bind :81 foo"));
        assertTrue(errors(e).contains("[t.cfg:2] : 'bind :443' : unable to stat SSL certificate from file '/x.pem' : "
                + "No such file or directory."), errors(e));
        assertTrue(errors(e).contains("[t.cfg:4] : 'bind :81' : unknown option 'foo'"), errors(e));
        assertTrue(warnings(e.warnings()).contains("[t.cfg:3] : 'bind :80' : option 'defer-accept' is not supported yet; ignored"));
        assertTrue(errors(e).contains("[t.cfg:3] : 'bind :80' : option 'v4v6' is not supported yet: ignoring it would "
                + "change who can connect to this listener"), errors(e));
    }

    @Test
    void loadsDirectoriesInByteOrderOfNames() throws Exception {
        LoadedConfig c = ConfigLoader.withEnvironment(Map.of()).load(List.of(TestConfigs.resources().resolve("dir")));
        assertEquals(100, c.config().global().maxconn());
        assertEquals(1, c.config().backends().size());
    }

    @Test
    void unreadableFileIsADiagnosticNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.withEnvironment(Map.of()).load(List.of(Path.of("/nonexistent/x.cfg"))));
        assertEquals("Could not open configuration file /nonexistent/x.cfg : No such file or directory",
                e.errors().get(0).toString());
    }

    @Test
    void eachFileMustStartWithASection() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.withEnvironment(Map.of())
                .load(List.of(TestConfigs.resources().resolve("dir/20-backend.cfg"),
                        TestConfigs.resources().resolve("continued.cfg"))));
        assertTrue(errors(e).contains("continued.cfg:1] : 'server' : unknown keyword 'server' out of section"), errors(e));
    }
}
