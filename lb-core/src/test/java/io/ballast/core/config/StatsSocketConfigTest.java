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
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsSocketConfigTest {

    private static GlobalConfig global(String... lines) throws ConfigException {
        return load(cfg("global") + cfg(lines) + minimal()).config().global();
    }

    private static String error(String line) {
        return errors(fails(cfg("global", line) + minimal()));
    }

    @Test
    void aUnixSocketWithModeLevelAndOwners() throws Exception {
        GlobalConfig g = global("  stats socket /run/b/admin.sock mode 660 level admin user root group root",
                "  stats timeout 30s");
        StatsSocketConfig s = g.statsSockets().get(0);
        assertEquals(new UnixEndpoint("/run/b/admin.sock", "/run/b/admin.sock"), s.endpoint());
        assertEquals(StatsSocketConfig.Level.ADMIN, s.level());
        assertEquals(0660, s.mode());
        assertEquals("root", s.user());
        assertEquals("root", s.group());
        assertEquals(new SourceLocation("t.cfg", 2), s.location());
        assertEquals(30_000, g.statsTimeout());
    }

    @Test
    void defaultsAreHaproxys() throws Exception {
        GlobalConfig g = global("  stats socket unix@/tmp/a.sock");
        StatsSocketConfig s = g.statsSockets().get(0);
        assertEquals(StatsSocketConfig.Level.OPERATOR, s.level(), "HAProxy's default level");
        assertEquals(-1, s.mode());
        assertEquals(null, s.user());
        assertEquals(10_000, g.statsTimeout(), "HAProxy's default stats timeout");
        assertEquals(List.of(), GlobalConfig.DEFAULTS.statsSockets());
        assertEquals(10, global("  stats timeout 10").statsTimeout(), "milliseconds without a unit");
    }

    @Test
    void tcpSocketsAndNumericIds() throws Exception {
        GlobalConfig g = global("  stats socket ipv4@127.0.0.1:9999 level user", "  stats socket /tmp/b.sock uid 0 gid 0");
        InetEndpoint inet = (InetEndpoint) g.statsSockets().get(0).endpoint();
        assertEquals("127.0.0.1", inet.host());
        assertEquals(9999, inet.firstPort());
        assertEquals(StatsSocketConfig.Level.USER, g.statsSockets().get(0).level());
        assertEquals("0", g.statsSockets().get(1).user());
        assertEquals("0", g.statsSockets().get(1).group());
    }

    @Test
    void bindOptionsThatDoNotApplyAreWarnedAbout() throws Exception {
        LoadedConfig loaded = load(cfg("global", "  stats socket /tmp/a.sock level admin maxconn 10")
                + minimal());
        assertEquals(1, loaded.config().global().statsSockets().size());
        assertTrue(warnings(loaded.warnings()).contains("parsing [t.cfg:2] : 'stats socket' : option 'maxconn' is"
                + " not supported on the runtime API yet; ignored"), warnings(loaded.warnings()));
        assertTrue(loaded.warnings().stream().noneMatch(w -> w.message().contains("runtime API ('stats socket")));
    }

    @Test
    void exposeFdListenersLetsANewProcessTakeTheListenersOver() throws Exception {
        LoadedConfig loaded = load(cfg("global", "  stats socket /tmp/a.sock level admin expose-fd listeners",
                "  stats socket /tmp/b.sock level admin") + minimal());
        assertTrue(loaded.config().global().statsSockets().get(0).exposeFdListeners());
        assertTrue(!loaded.config().global().statsSockets().get(1).exposeFdListeners());
        String errors = errors(fails(cfg("global", "  stats socket /tmp/a.sock level admin expose-fd all") + minimal()));
        assertTrue(errors.endsWith("'stats socket' : 'expose-fd' only supports 'listeners' (got 'all')"), errors);
    }

    @Test
    void malformedLinesAreErrorsInHaproxysWords() {
        assertTrue(error("  stats socket").contains("parsing [t.cfg:2] : 'stats socket' : 'stats socket' in global"
                + " section expects an address or a path to a UNIX socket"), error("  stats socket"));
        assertTrue(error("  stats socket /tmp/a.sock level foo").contains("'stats socket' : 'level' only supports"
                + " 'user', 'operator', and 'admin' (got 'foo')"));
        assertTrue(error("  stats socket /tmp/a.sock level").contains("'level' : missing level"));
        assertTrue(error("  stats socket /tmp/a.sock mode 999").contains("'mode' : missing or invalid mode '999'"
                + " (octal integer expected)"));
        assertTrue(error("  stats socket /tmp/a.sock mode").contains("'mode' : missing or invalid mode ''"));
        assertTrue(error("  stats socket /tmp/a.sock user no-such-user-here").contains(
                "'user' : unknown user name 'no-such-user-here'"));
        assertTrue(error("  stats socket /tmp/a.sock group no-such-group-here").contains(
                "'group' : unknown group name 'no-such-group-here'"));
        assertTrue(error("  stats socket /tmp/a.sock user").contains("'user' : missing user name"));
        assertTrue(error("  stats socket /tmp/a.sock uid root").contains("'uid' expects a number, not 'root'"));
        assertTrue(error("  stats socket /tmp/a.sock levle admin").contains("unknown keyword 'levle'; did you mean"
                + " 'level'?"), error("  stats socket /tmp/a.sock levle admin"));
        assertTrue(error("  stats socket ipv4@127.0.0.1").contains("missing port specification in 'ipv4@127.0.0.1'"));
        assertTrue(error("  stats socket fd@3").contains("inherited sockets ('fd@3') are not supported for the"
                + " runtime API yet"));
    }

    @Test
    void statsTimeoutMustBeAPositiveTime() {
        assertTrue(error("  stats timeout 0").contains("'stats timeout' expects a positive value"));
        assertTrue(error("  stats timeout abc").contains("parsing [t.cfg:2] : 'stats' :"), error("  stats timeout abc"));
        assertTrue(error("  stats foo").contains("not 'stats foo'"));
    }
}
