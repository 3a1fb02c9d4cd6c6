package io.ballast.proxy.tls;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Certificate selection by SNI, as HAProxy selects: exact, then one-label wildcard, then the first (default). */
class SniSelectorTest {

    private static SniSelector<String> selector() {
        SniSelector<String> s = new SniSelector<>();
        s.add("default", List.of("default.example"), List.of());
        s.add("site", List.of("www.example.com", "example.com", "alt.example.net"), List.of()); // CN + SANs
        s.add("wildcard", List.of("*.example.org"), List.of("secure.example.org"));
        s.add("secure", List.of("secure.example.org"), List.of());
        s.add("second-wildcard", List.of("*.example.org", "*.example.com"), List.of());
        return s;
    }

    @Test
    void exactNamesIncludingSans() {
        SniSelector<String> s = selector();
        assertEquals("site", s.select("www.example.com", false));
        assertEquals("site", s.select("example.com", false));
        assertEquals("site", s.select("alt.example.net", false), "a SAN selects as well as the CN");
        assertEquals("default", s.select("default.example", false));
    }

    @Test
    void wildcardsCoverOneLabel() {
        SniSelector<String> s = selector();
        assertEquals("wildcard", s.select("a.example.org", false));
        assertEquals("default", s.select("example.org", false), "the bare domain is not covered");
        assertEquals("default", s.select("a.b.example.org", false), "two labels are not covered");
        assertEquals("second-wildcard", s.select("api.example.com", false), "exact names first, then wildcards");
    }

    @Test
    void negativeFilterExcludesANameFromAWildcard() {
        SniSelector<String> s = selector();
        assertEquals("secure", s.select("secure.example.org", false));
        SniSelector<String> only = new SniSelector<>();
        only.add("first", List.of("other.example"), List.of());
        only.add("wildcard", List.of("*.example.org"), List.of("secure.example.org"));
        only.add("later", List.of("*.example.org"), List.of());
        assertEquals("later", only.select("secure.example.org", false));
        assertEquals("wildcard", only.select("www.example.org", false));
    }

    @Test
    void caseDoesNotMatter() {
        SniSelector<String> s = selector();
        assertEquals("site", s.select("WWW.Example.COM", false));
        assertEquals("wildcard", s.select("A.EXAMPLE.ORG", false));
    }

    @Test
    void defaultIsTheFirstAddedUnlessStrict() {
        SniSelector<String> s = selector();
        assertEquals("default", s.select("unknown.test", false));
        assertEquals("default", s.select(null, false), "no SNI");
        assertNull(s.select("unknown.test", true));
        assertNull(s.select(null, true));
        assertEquals("site", s.select("www.example.com", true));
        assertEquals("default", s.defaultValue());
    }

    @Test
    void firstEntryWinsForAName() {
        SniSelector<String> s = new SniSelector<>();
        s.add("one", List.of("a.example"), List.of());
        s.add("two", List.of("a.example"), List.of());
        assertEquals("one", s.select("a.example", false));
        assertFalse(s.isSingle());
        SniSelector<String> single = new SniSelector<>();
        single.add("only", List.of("a.example", "*.b.example"), List.of());
        assertTrue(single.isSingle());
    }
}
