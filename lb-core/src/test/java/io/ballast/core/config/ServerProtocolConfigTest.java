package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code proto h2} on server lines, and where HTTP/2 to servers cannot go. */
class ServerProtocolConfigTest {

    @Test
    void protoH2AndItsDefaultServerForm() throws Exception {
        List<ServerConfig> s = load(minimal("  default-server proto h2", "  server a 127.0.0.1:80",
                "  server b 127.0.0.1:81 proto h1", "  default-server proto h1", "  server c 127.0.0.1:82")).config()
                .backend("be").orElseThrow().servers();
        assertEquals(List.of(true, false, false), s.stream().map(ServerConfig::http2).toList());
    }

    @Test
    void unknownAndUnsupportedProtocolsAreErrorsWithTheirLine() {
        assertEquals("parsing [t.cfg:10] : 'server' : server be/a: 'proto' :  unknown MUX protocol 'h3x'.",
                errors(fails(minimal("  server a 127.0.0.1:80 proto h3x"))));
        assertEquals("parsing [t.cfg:10] : 'server' : server be/a: 'proto fcgi' is not supported yet: FastCGI servers need "
                + "'fcgi-app' sections", errors(fails(minimal("  server a 127.0.0.1:80 proto fcgi"))));
    }

    @Test
    void h2IsForHttpModeAndNotWithTheProxyProtocol() {
        assertEquals("parsing [t.cfg:6] : 'server t/u' : MUX protocol 'h2' is not usable for server 'u' in 'mode tcp'",
                errors(fails(cfg("defaults", "  timeout connect 1s", "  timeout server 1s", "backend t", "  mode tcp",
                        "  server u 127.0.0.1:80 proto h2"))));
        assertEquals("parsing [t.cfg:10] : 'server be/a' : 'send-proxy' with HTTP/2 to the server is not supported "
                + "yet: its connections carry the requests of many clients",
                errors(fails(minimal("  server a 127.0.0.1:80 proto h2 send-proxy-v2"))));
    }
}
