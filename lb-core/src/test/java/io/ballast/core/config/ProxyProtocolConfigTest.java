package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The PROXY protocol keywords: {@code bind ... accept-proxy}; server {@code send-proxy}, {@code send-proxy-v2}, their
 * {@code no-} forms through {@code default-server}, {@code check-send-proxy}; and the v2 extensions still refused.
 */
class ProxyProtocolConfigTest {

    private static List<ServerConfig> servers(String... backendLines) throws ConfigException {
        return load(minimal(backendLines)).config().backend("be").orElseThrow().servers();
    }

    @Test
    void acceptProxyOnEachAddressOfItsBindLineOnly() throws Exception {
        LoadedConfig loaded = load(cfg("defaults", "  mode tcp", "  timeout client 1s", "frontend fe",
                "  bind 127.0.0.1:80,127.0.0.1:81 accept-proxy name lb", "  bind 127.0.0.1:82"));
        List<BindConfig> binds = loaded.config().frontends().get(0).binds();
        assertTrue(binds.get(0).acceptProxy());
        assertTrue(binds.get(1).acceptProxy());
        assertEquals("lb", binds.get(1).name());
        assertFalse(binds.get(2).acceptProxy());
        assertEquals("", warnings(loaded.warnings()));
    }

    @Test
    void listenersAreNamedAsInHaproxyLogs() throws Exception {
        FrontendConfig fe = load(cfg("defaults", "  timeout client 1s", "frontend fe",
                "  bind 127.0.0.1:80 accept-proxy name lb", "  bind 127.0.0.1:81 accept-proxy")).config()
                .frontends().get(0);
        assertEquals("lb", fe.listenerName(fe.binds().get(0)));
        assertEquals("2", fe.listenerName(fe.binds().get(1)));
    }

    @Test
    void misspelledAcceptProxyIsAnErrorWithItsLine() {
        ConfigException e = fails(cfg("frontend fe", "  bind :80 accept-proxi"));
        assertEquals("parsing [t.cfg:2] : 'bind :80' : unknown option 'accept-proxi'; did you mean 'accept-proxy'?",
                e.errors().get(0).toString());
    }

    @Test
    void sendProxyVersions() throws Exception {
        List<ServerConfig> s = servers("  server a 127.0.0.1:80", "  server b 127.0.0.1:81 send-proxy",
                "  server c 127.0.0.1:82 send-proxy-v2", "  server d 127.0.0.1:83 send-proxy send-proxy-v2");
        assertEquals(SendProxy.NONE, s.get(0).sendProxy());
        assertEquals(SendProxy.V1, s.get(1).sendProxy());
        assertEquals(SendProxy.V2, s.get(2).sendProxy());
        assertEquals(SendProxy.V2, s.get(3).sendProxy(), "as HAProxy: version 2 wins when both are set");
    }

    @Test
    void defaultServerIsInheritedAndCancelledPerVersion() throws Exception {
        List<ServerConfig> s = servers("  default-server send-proxy-v2", "  server a 127.0.0.1:80",
                "  server b 127.0.0.1:81 no-send-proxy-v2", "  server c 127.0.0.1:82 no-send-proxy-v2 send-proxy",
                "  default-server no-send-proxy-v2", "  server d 127.0.0.1:83",
                "  default-server send-proxy", "  server e 127.0.0.1:84", "  server f 127.0.0.1:85 no-send-proxy");
        assertEquals(List.of(SendProxy.V2, SendProxy.NONE, SendProxy.V1, SendProxy.NONE, SendProxy.V1, SendProxy.NONE),
                s.stream().map(ServerConfig::sendProxy).toList());
    }

    @Test
    void sendProxyFromTheDefaultsSection() throws Exception {
        ServerConfig s = load(cfg("defaults", "  mode http", "  default-server send-proxy", "  timeout connect 1s",
                "  timeout client 1s", "  timeout server 1s", "backend be", "  server a 127.0.0.1:80")).config()
                .backends().get(0).servers().get(0);
        assertEquals(SendProxy.V1, s.sendProxy());
    }

    @Test
    void healthChecksSendTheHeaderAsHaproxyDoes() throws Exception {
        List<ServerConfig> s = servers("  server a 127.0.0.1:80 check send-proxy",
                "  server b 127.0.0.1:81 check send-proxy-v2 port 9000",
                "  server c 127.0.0.1:82 check send-proxy addr 127.0.0.2",
                "  server d 127.0.0.1:83 check send-proxy-v2 port 9000 check-send-proxy",
                "  server e 127.0.0.1:84 check check-send-proxy", "  server f 127.0.0.1:85 check");
        assertEquals(List.of(SendProxy.V1, SendProxy.NONE, SendProxy.NONE, SendProxy.V2, SendProxy.V1, SendProxy.NONE),
                s.stream().map(ServerConfig::checkProxyHeader).toList());
    }

    @Test
    void versionTwoExtensionsAreRefusedWithTheirLine() {
        ConfigException e = fails(minimal("  server a 127.0.0.1:80 send-proxy-v2-ssl",
                "  server b 127.0.0.1:81 send-proxy-v2 proxy-v2-options ssl,cert-cn",
                "  server c 127.0.0.1:82 send-proxy-v2-ssl-cn", "  server d 127.0.0.1:83 proxy-v2-options"));
        String errors = errors(e);
        assertTrue(errors.contains("parsing [t.cfg:10] : 'server' : server be/a: option 'send-proxy-v2-ssl' is not "
                + "supported yet: ignoring it would change what is sent to the server"), errors);
        assertTrue(errors.contains("parsing [t.cfg:11] : 'server' : server be/b: option 'proxy-v2-options' is not "
                + "supported yet"), errors);
        assertTrue(errors.contains("parsing [t.cfg:12] : 'server' : server be/c: option 'send-proxy-v2-ssl-cn' is not "
                + "supported yet"), errors);
        assertTrue(errors.contains("parsing [t.cfg:13] : 'server' : server be/d: option 'proxy-v2-options' expects an "
                + "argument"), errors);
    }

    @Test
    void misspelledSendProxySuggests() {
        ConfigException e = fails(minimal("  server a 127.0.0.1:80 send-proxy-v3"));
        assertEquals("parsing [t.cfg:10] : 'server' : server be/a: unknown option 'send-proxy-v3'; did you mean "
                + "'send-proxy-v2'?", e.errors().get(0).toString());
    }

    @Test
    void aReloadSeesAChangedHeaderAsAChangedServer() throws Exception {
        ServerConfig plain = servers("  server a 127.0.0.1:80").get(0);
        ServerConfig proxied = servers("  server a 127.0.0.1:80 send-proxy").get(0);
        assertFalse(plain.sameSettings(proxied));
    }
}
