package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerLineTest {

    private static ServerConfig server(String line) throws ConfigException {
        return load(minimal(line)).config().backend("be").orElseThrow().servers().get(0);
    }

    @Test
    void defaults() throws Exception {
        ServerConfig s = server("  server s1 127.0.0.1:80");
        assertEquals(new ServerConfig("s1", s.address(), 1, false, false, 0, false, 0, 2000, 0, 0, 2, 3,
                new SourceLocation("t.cfg", 10), ServerCheckSettings.DEFAULTS), s);
    }

    @Test
    void options() throws Exception {
        ServerConfig s = server("  server s1 127.0.0.1:80 weight 10 backup disabled maxconn 50 check port 8081 "
                + "inter 3s fastinter 1s downinter 10s rise 4 fall 5 id 7");
        assertEquals(new ServerConfig("s1", s.address(), 10, true, true, 50, true, 8081, 3000, 1000, 10000, 4, 5,
                s.location(), ServerCheckSettings.DEFAULTS, 0, null, SendProxy.NONE, false, false, 7), s);
    }

    @Test
    void defaultServerAppliesToFollowingServersAndFromDefaults() throws Exception {
        String text = TestConfigs.cfg("defaults", "  default-server inter 5s", "  timeout connect 1s",
                "  timeout server 1s", "backend be", "  server a 127.0.0.1:1", "  default-server check weight 3",
                "  server b 127.0.0.1:2", "  server c 127.0.0.1:3 no-check");
        var servers = load(text).config().backends().get(0).servers();
        assertEquals(5000, servers.get(0).inter());
        assertFalse(servers.get(0).check());
        assertTrue(servers.get(1).check());
        assertEquals(3, servers.get(1).weight());
        assertEquals(5000, servers.get(1).inter());
        assertFalse(servers.get(2).check());
    }

    @Test
    void portlessServerUsesTheClientPort() throws Exception {
        InetEndpoint ep = assertInstanceOf(InetEndpoint.class, server("  server s1 localhost").address());
        assertEquals("localhost", ep.host());
        assertEquals(0, ep.firstPort());
    }

    @Test
    void addressForms() throws Exception {
        InetEndpoint v6 = assertInstanceOf(InetEndpoint.class, server("  server s [::1]:8080").address());
        assertEquals("::1", v6.host());
        assertEquals(InetEndpoint.AddressFamily.IPV6, v6.family());
        InetEndpoint v4 = assertInstanceOf(InetEndpoint.class, server("  server s ipv4@localhost:81").address());
        assertEquals(InetEndpoint.AddressFamily.IPV4, v4.family());
        assertEquals(new UnixEndpoint("unix@/run/app.sock", "/run/app.sock"), server("  server s unix@/run/app.sock").address());
        assertEquals(new UnixEndpoint("/run/app.sock", "/run/app.sock"), server("  server s /run/app.sock").address());
    }

    @Test
    void badWeight() {
        ConfigException e = fails(minimal("  server s1 127.0.0.1:80 weight 300"));
        assertEquals("parsing [t.cfg:10] : 'server' : server be/s1: weight of server s1 is not within 0 and 256 (300)",
                e.errors().get(0).toString());
    }

    @Test
    void riseAndFallMustBePositive() {
        ConfigException e = fails(minimal("  server s1 127.0.0.1:80 fall 0"));
        assertTrue(errors(e).contains("option 'fall' expects an integer of at least 1, not '0'"), errors(e));
    }

    @Test
    void unresolvableHost() {
        ConfigException e = fails(minimal("  server s1 no-such-host.invalid:80"));
        assertEquals("parsing [t.cfg:10] : 'server be/s1' : could not resolve address 'no-such-host.invalid'",
                e.errors().get(0).toString());
    }

    @Test
    void portOffsetsAreNotSupportedYet() {
        ConfigException e = fails(minimal("  server s1 127.0.0.1:+1000"));
        assertTrue(errors(e).contains("port offsets ('+1000') are not supported yet"), errors(e));
    }

    @Test
    void wireChangingOptionsAreErrorsOthersWarnings() {
        ConfigException e = fails(minimal("  server s1 127.0.0.1:443 send-proxy-v2-ssl npn h2 slowstart 30s"));
        assertTrue(errors(e).contains("option 'send-proxy-v2-ssl' is not supported yet"), errors(e));
        assertTrue(errors(e).contains("option 'npn' is not supported yet"), errors(e));
        assertFalse(warnings(e.warnings()).contains("slowstart"), warnings(e.warnings()));
    }

    @Test
    void unknownOptionSuggests() {
        ConfigException e = fails(minimal("  server s1 127.0.0.1:80 chek"));
        assertTrue(errors(e).contains("unknown option 'chek'; did you mean 'check'?"), errors(e));
    }

    @Test
    void duplicateServerNames() {
        ConfigException e = fails(minimal("  server s1 127.0.0.1:80", "  server s1 127.0.0.1:81"));
        assertTrue(errors(e).contains("[t.cfg:11] : 'server be/s1' : duplicate server name 's1'"), errors(e));
    }

    @Test
    void serverIdsAreCheckedAsHaproxyDoes() {
        ConfigException zero = fails(minimal("  server s1 127.0.0.1:80 id 0"));
        assertTrue(errors(zero).contains("[t.cfg:10] : 'server' : server be/s1: 'id' : custom id has to be > 0."),
                errors(zero));
        ConfigException twice = fails(minimal("  server s1 127.0.0.1:80 id 3", "  server s2 127.0.0.1:81 id 3"));
        assertTrue(errors(twice).contains("[t.cfg:11] : 'server be/s2' : 'id' : custom id 3 already used at t.cfg:10"
                + " ('server s1')."), errors(twice));
        ConfigException defaults = fails(minimal("  default-server id 4", "  server s1 127.0.0.1:80"));
        assertTrue(errors(defaults).contains("'id' option is not accepted in default-server sections"), errors(defaults));
    }

    @Test
    void backendWithoutServersIsFine() throws Exception {
        assertEquals(0, load(minimal()).config().backend("be").orElseThrow().servers().size());
    }
}
