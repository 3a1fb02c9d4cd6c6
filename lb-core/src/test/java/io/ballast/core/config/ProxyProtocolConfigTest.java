package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PROXY protocol keywords: {@code bind ... accept-proxy}. */
class ProxyProtocolConfigTest {

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
}
