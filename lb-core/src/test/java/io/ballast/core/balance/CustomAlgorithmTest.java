package io.ballast.core.balance;

import io.ballast.core.config.BackendConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.server.Backend;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plug-in algorithm found on the class path works from a configuration file with no change to Ballast. */
class CustomAlgorithmTest {

    private static final String CONFIG = String.join("\n",
            "defaults",
            "    mode http",
            "    timeout connect 5s",
            "    timeout client 5s",
            "    timeout server 5s",
            "backend be",
            "    balance preferred web02",
            "    server web01 127.0.0.1:8081",
            "    server web02 127.0.0.1:8082",
            "    server web03 127.0.0.1:8083",
            "");

    private static Backend load(String text) throws ConfigException {
        BackendConfig config = ConfigLoader.withEnvironment(Map.of()).parse("custom.cfg", text).config().backend("be").orElseThrow();
        return new Backend(config, BalanceAlgorithms.create(config.balance()));
    }

    @Test
    void balanceLineSelectsThePlugInWithItsArguments() throws Exception {
        Backend backend = load(CONFIG);
        for (int i = 0; i < 3; i++) {
            assertEquals("web02", backend.pick(null).name());
        }
    }

    @Test
    void thePlugInSeesOnlyUsableServers() throws Exception {
        Backend backend = load(CONFIG);
        backend.server("web02").setState(ServerState.DOWN);
        assertEquals("web01", backend.pick(null).name());
        assertEquals("web03", backend.pick(null).name());
        backend.server("web02").setState(ServerState.UP);
        assertEquals("web02", backend.pick(null).name());
    }

    @Test
    void badArgumentsAreAConfigurationErrorWithFileAndLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(CONFIG.replace("balance preferred web02", "balance preferred")));
        String message = e.errors().get(0).toString();
        assertTrue(message.startsWith("parsing [custom.cfg:7] : 'balance' : "), message);
        assertTrue(message.contains("expects the name of the preferred server"), message);
    }
}
