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

class HashTypeConfigTest {

    private static BalanceSpec balance(String text) throws ConfigException {
        return load(text).config().backend("be").orElseThrow().balance();
    }

    @Test
    void defaultIsMapBasedSdbm() throws Exception {
        assertEquals(HashType.DEFAULT, balance(minimal("  balance uri")).hashType());
        assertEquals(new BalanceSpec("roundrobin", List.of()), BalanceSpec.ROUND_ROBIN);
    }

    @Test
    void hashTypeBeforeOrAfterBalance() throws Exception {
        HashType djb2Aval = new HashType(HashType.Method.MAP_BASED, HashType.Function.DJB2, true);
        assertEquals(new BalanceSpec("uri", List.of("len", "8"), djb2Aval),
                balance(minimal("  hash-type map-based djb2 avalanche", "  balance uri len 8")));
        assertEquals(new BalanceSpec("hdr", List.of("host"), djb2Aval),
                balance(minimal("  balance hdr(host)", "  hash-type map-based djb2 avalanche")));
        assertEquals(new HashType(HashType.Method.MAP_BASED, HashType.Function.WT6, false),
                balance(minimal("  balance source", "  hash-type map-based wt6")).hashType());
    }

    @Test
    void hashTypeIsInheritedFromDefaults() throws Exception {
        String text = cfg("defaults", "  mode http", "  timeout connect 5s", "  timeout client 30s",
                "  timeout server 30s", "  hash-type map-based crc32", "frontend fe", "  bind :8080",
                "  default_backend be", "backend be", "  balance url_param id");
        assertEquals(new HashType(HashType.Method.MAP_BASED, HashType.Function.CRC32, false), balance(text).hashType());
    }

    @Test
    void consistentIsAcceptedAndDefaultsToAvalanche() throws Exception {
        LoadedConfig c = load(minimal("  hash-type consistent", "  balance source"));
        assertEquals("", warnings(c.warnings()));
        assertEquals(new HashType(HashType.Method.CONSISTENT, HashType.Function.SDBM, true),
                c.config().backend("be").orElseThrow().balance().hashType());
    }

    @Test
    void hashBalanceFactorAndAllBackupsGoIntoTheSpecAndAreInherited() throws Exception {
        BalanceSpec spec = balance(minimal("  hash-type consistent", "  hash-balance-factor 150",
                "  option allbackups", "  balance uri"));
        assertEquals(150, spec.hashBalanceFactor());
        assertTrue(spec.allBackups());
        assertEquals(0, balance(minimal("  balance uri")).hashBalanceFactor());
        String text = cfg("defaults", "  mode http", "  timeout connect 5s", "  timeout client 30s",
                "  timeout server 30s", "  hash-balance-factor 0", "  option allbackups", "frontend fe",
                "  bind :8080", "  default_backend be", "backend be", "  no option allbackups");
        assertEquals(new BalanceSpec("roundrobin", List.of()), balance(text));
        String inherited = cfg("defaults", "  mode http", "  timeout connect 5s", "  timeout client 30s",
                "  timeout server 30s", "  hash-balance-factor 125", "  option allbackups", "frontend fe",
                "  bind :8080", "  default_backend be", "backend be");
        assertEquals(new BalanceSpec("roundrobin", List.of(), HashType.DEFAULT, 125, true), balance(inherited));
    }

    @Test
    void hashBalanceFactorIsCheckedWithHaproxysWords() {
        assertTrue(errors(fails(minimal("  hash-balance-factor 100")))
                .contains("'hash-balance-factor' : 'hash-balance-factor' must be 0 or greater than 100."));
        assertTrue(errors(fails(minimal("  hash-balance-factor")))
                .contains("'hash-balance-factor' expects an integer argument."));
        assertTrue(errors(fails(minimal("  hash-balance-factor 1.5")))
                .contains("'hash-balance-factor' expects an integer argument."));
    }

    @Test
    void badHashTypesAreErrors() {
        assertTrue(errors(fails(minimal("  hash-type ring"))).contains("only supports 'consistent' and 'map-based'"));
        assertTrue(errors(fails(minimal("  hash-type map-based md5"))).contains("'sdbm', 'djb2', 'crc32', or 'wt6'"));
        assertTrue(errors(fails(minimal("  hash-type map-based sdbm fast"))).contains("'avalanche' as a modifier"));
        assertTrue(errors(fails(minimal("  hash-type avalanche"))).contains("map-based sdbm avalanche"));
    }

    @Test
    void checkPostIsReportedAsNotSupported() {
        assertTrue(errors(fails(minimal("  balance url_param id check_post"))).contains("not supported yet"));
    }
}
