package io.ballast.acl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.ballast.acl.Acls.acl;
import static io.ballast.acl.Acls.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Match methods ({@code -m}) and flags ({@code -i -f -M -n -u --}), with integer operators and IP forms. */
class MatcherTest {

    @TempDir
    Path dir;

    private final TestContext ctx = TestContext.get("/Api/a/b/c?x=1", "Host", "www.example.com", "X-N", "12",
            "X-IP", "10.1.2.3");

    @Test
    void str() {
        assertTrue(acl(ctx, "path -m str /Api/a/b/c"));
        assertFalse(acl(ctx, "path -m str /api/a/b/c"));
        assertTrue(acl(ctx, "path -i -m str /api/a/b/c"));
        assertTrue(acl(ctx, "path -m str -i /API/A/B/C"));
        assertFalse(acl(ctx, "path -m str /Api/a/b"));
    }

    @Test
    void begEndSub() {
        assertTrue(acl(ctx, "path -m beg /Api/"));
        assertTrue(acl(ctx, "path -m beg /x /y /Api"));
        assertFalse(acl(ctx, "path -m beg /api"));
        assertTrue(acl(ctx, "path -m beg -i /api"));
        assertTrue(acl(ctx, "path -m end /c"));
        assertTrue(acl(ctx, "path -m end -i /B/C"));
        assertFalse(acl(ctx, "path -m end /b"));
        assertTrue(acl(ctx, "path -m sub a/b"));
        assertTrue(acl(ctx, "path -m sub -i API/A"));
        assertFalse(acl(ctx, "path -m sub API"));
        assertTrue(acl(ctx, "path -m beg /Api/a/b/c"));
        assertFalse(acl(ctx, "path -m beg /Api/a/b/c/d"));
    }

    @Test
    void regex() {
        assertTrue(acl(ctx, "path -m reg ^/Api/[a-z]/"));
        assertTrue(acl(ctx, "path -m reg b/c$"));
        assertTrue(acl(ctx, "path -m reg a/b")); // unanchored search, as PCRE
        assertFalse(acl(ctx, "path -m reg ^/api"));
        assertTrue(acl(ctx, "path -m reg -i ^/api"));
    }

    @Test
    void dirAndDom() {
        // checked with haproxy 2.6.12: hdr_dom(host) example.com matches www.example.com; path_dir api matches /api/v1
        assertTrue(acl(ctx, "path -m dir a/b"));
        assertTrue(acl(ctx, "path -m dir /b/"));
        assertFalse(acl(ctx, "path -m dir Ap"));
        assertTrue(acl(ctx, "hdr(host) -m dom example.com"));
        assertTrue(acl(ctx, "hdr(host) -m dom .com"));
        assertFalse(acl(ctx, "hdr(host) -m dom ample.com"));
        assertTrue(acl(TestContext.get("/", "Host", "a.b:8080"), "hdr(host) -m dom 8080"));
        assertTrue(acl(ctx, "hdr(host) -m dom -i EXAMPLE"));
    }

    @Test
    void len() {
        assertTrue(acl(ctx, "path -m len 10"));
        assertTrue(acl(ctx, "path -m len 5:10"));
        assertTrue(acl(ctx, "path -m len ge 10"));
        assertFalse(acl(ctx, "path -m len lt 10"));
    }

    @Test
    void integersRangesAndOperators() {
        assertTrue(acl(ctx, "hdr(x-n) -m int 12"));
        assertTrue(acl(ctx, "hdr_val(x-n) 10:20"));
        assertTrue(acl(ctx, "hdr_val(x-n) :12"));
        assertTrue(acl(ctx, "hdr_val(x-n) 12:"));
        assertFalse(acl(ctx, "hdr_val(x-n) 13:"));
        assertTrue(acl(ctx, "hdr_val(x-n) eq 12"));
        assertTrue(acl(ctx, "hdr_val(x-n) ge 12"));
        assertFalse(acl(ctx, "hdr_val(x-n) gt 12"));
        assertTrue(acl(ctx, "hdr_val(x-n) le 12"));
        assertFalse(acl(ctx, "hdr_val(x-n) lt 12"));
        assertTrue(acl(ctx, "hdr_val(x-n) 1 2 3 12"));
        // haproxy 2.6.12: the operator persists for the next values ('lt 5 99' matches 12, 'gt 11 lt 5' too)
        assertTrue(acl(ctx, "hdr(x-n) -m int lt 5 99"));
        assertTrue(acl(ctx, "hdr(x-n) -m int gt 11 lt 5"));
        assertTrue(acl(ctx, "int(-5) -- -10:-1")); // a pattern starting with - needs --
        assertTrue(acl(ctx, "int(-5) lt 0"));
    }

    @Test
    void ipv4AndIpv6Patterns() {
        TestContext v4 = TestContext.tcp("10.1.2.3", 1000);
        assertTrue(acl(v4, "src 10.1.2.3"));
        assertTrue(acl(v4, "src 10.0.0.0/8"));
        assertTrue(acl(v4, "src 192.168.0.0/16 10.1.0.0/255.255.0.0"));
        assertFalse(acl(v4, "src 10.1.3.0/24"));
        assertTrue(acl(v4, "src 0.0.0.0/0"));
        // non-contiguous mask (haproxy 2.6.12: 127.0.0.1 matched 127.0.0.1/255.0.255.0)
        assertTrue(acl(v4, "src 10.0.2.0/255.0.255.0"));
        assertFalse(acl(v4, "src 10.0.3.0/255.0.255.0"));
        // IPv4 sample against an IPv4-mapped IPv6 pattern (haproxy 2.6.12: src ::ffff:127.0.0.1 matched 127.0.0.1)
        assertTrue(acl(v4, "src ::ffff:10.1.2.3"));
        assertTrue(acl(v4, "src ::ffff:10.0.0.0/104"));
        TestContext v6 = TestContext.tcp("2001:db8::5", 1000);
        assertTrue(acl(v6, "src 2001:db8::/32"));
        assertFalse(acl(v6, "src 2001:db9::/32"));
        assertTrue(acl(v6, "src 2001:db8::5"));
        assertFalse(acl(v6, "src 10.0.0.0/8"));
        // 6to4 carries 10.1.2.3 in 2002:0a01:0203::/48
        assertTrue(acl(TestContext.tcp("2002:a01:203::1", 1), "src 10.1.2.0/24"));
        assertTrue(acl(ctx, "hdr(x-ip) -m ip 10.0.0.0/8"));
        assertFalse(acl(ctx, "hdr(host) -m ip 10.0.0.0/8"));
    }

    @Test
    void manyIpsAndStringsScaleThroughTrees() {
        List<String> nets = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            nets.add("172." + (16 + i / 250) + "." + (i % 250) + ".0/24");
        }
        StringBuilder line = new StringBuilder("src");
        nets.forEach(n -> line.append(' ').append(n));
        assertTrue(acl(TestContext.tcp("172.20.100.7", 1), line.toString()));
        assertFalse(acl(TestContext.tcp("172.99.1.1", 1), line.toString()));
    }

    @Test
    void foundAndBool() {
        assertTrue(acl(ctx, "hdr(host) -m found"));
        assertFalse(acl(ctx, "hdr(nope) -m found"));
        assertTrue(acl(ctx, "hdr(x-n) -m bool"));
        assertFalse(acl(ctx, "path -m bool")); // "/Api..." casts to 0 (haproxy 2.6.12: path -m bool false)
        assertTrue(acl(ctx, "always_true"));
        assertFalse(acl(ctx, "always_false"));
        assertTrue(acl(ctx, "hdr(host) -m found ignored patterns"));
    }

    @Test
    void bin() {
        assertTrue(acl(TestContext.get("/", "X", "AB"), "hdr(x) -m bin 4142"));
        assertFalse(acl(TestContext.get("/", "X", "AB"), "hdr(x) -m bin 4143"));
    }

    @Test
    void defaultMatchFollowsTheSampleType() {
        assertTrue(acl(ctx, "hdr(host) www.example.com")); // string -> str
        assertTrue(acl(ctx, "hdr_cnt(host) 1")); // integer -> int
        assertTrue(acl(TestContext.tcp("10.0.0.1", 1), "src 10.0.0.0/8")); // address -> ip
        assertTrue(acl(ctx, "always_true")); // boolean -> bool
        assertFalse(acl(ctx, "var(txn.x) -m str a")); // unset variable: nothing to match
    }

    @Test
    void convertersInCriterionChangeTheDefaultMatch() {
        assertTrue(acl(ctx, "path,length 10"));
        assertTrue(acl(ctx, "hdr(host),upper WWW.EXAMPLE.COM"));
        assertTrue(acl(ctx, "path_beg,lower /api/")); // path_beg keeps beg (haproxy 2.6.12 accepts it)
    }

    @Test
    void doubleDashEndsFlags() {
        assertTrue(acl(TestContext.get("/", "X", "-i"), "hdr(x) -- -i"));
        assertTrue(acl(TestContext.get("/", "X", "-x"), "hdr(x) -i -m str -- -X"));
    }

    @Test
    void ignoredFlags() {
        assertTrue(acl(TestContext.tcp("10.0.0.1", 1), "src -n 10.0.0.1"));
        assertTrue(acl(ctx, "path -u 12 /Api/a/b/c"));
    }

    @Test
    void patternFiles() throws IOException {
        Path hosts = dir.resolve("hosts.lst");
        Files.writeString(hosts, "# allowed hosts\n\n  WWW.EXAMPLE.com  \nother.example\n");
        String f = hosts.toString();
        // checked with haproxy 2.6.12: '-i -f file' ignores case for the file's patterns, '-f file -i' does not
        assertTrue(acl(ctx, "hdr(host) -i -f " + f));
        assertFalse(acl(ctx, "hdr(host) -f " + f + " -i"));
        assertFalse(acl(ctx, "hdr(host) -f " + f));
        assertTrue(acl(TestContext.get("/", "Host", "other.example"), "hdr(host) -f " + f));
        assertTrue(acl(TestContext.get("/", "Host", "zzz"), "hdr(host) -f " + f + " zzz"));
        Path prefixes = dir.resolve("beg.lst");
        Files.writeString(prefixes, "/API\n");
        assertTrue(acl(ctx, "path_beg -i -f " + prefixes));
        Path nets = dir.resolve("nets.lst");
        Files.writeString(nets, "10.0.0.0/8\n192.168.0.0/16\n");
        assertTrue(acl(TestContext.tcp("192.168.7.1", 1), "src -f " + nets));
        Path map = dir.resolve("m.map");
        Files.writeString(map, "www.example.com be_www\n");
        assertTrue(acl(ctx, "hdr(host) -M -f " + map));
        assertFalse(acl(ctx, "hdr(host) -f " + map + " -f " + f + " nope")); // without -M the whole line is the pattern
    }

    @Test
    void sameNameOrsAndLaterLinesExtendEarlierConditions() throws AclException {
        AclCompiler c = AclCompiler.create();
        c.defineAcl(Acls.words("acl static path_end .png"), Acls.HERE);
        Condition cond = c.condition(Acls.words("if static"), Acls.HERE);
        assertFalse(cond.test(TestContext.get("/x.css")));
        c.defineAcl(Acls.words("acl static path_end .css"), Acls.HERE);
        assertTrue(cond.test(TestContext.get("/x.css")));
        assertTrue(cond.test(TestContext.get("/x.png")));
        assertEquals(java.util.Set.of("static"), c.aclNames());
        assertTrue(eval(TestContext.get("/b"), "if a", "acl a path /a", "acl a path /b"));
    }
}
