package io.ballast.acl;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.ballast.acl.Acls.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Map converters. Every expected value below was produced by haproxy 2.6.12 with the same map files and the
 * request {@code GET /Api/a/b/c} with {@code Host: WWW.Example.COM} from 127.0.0.1.
 */
class MapTest {

    @TempDir
    Path dir;

    private String beg;
    private String dom;
    private String ip;
    private String ints;
    private String reg;
    private String sub;
    private String ipint;
    private final TestContext ctx = TestContext.get("/Api/a/b/c", "Host", "WWW.Example.COM");

    private String write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toString();
    }

    @BeforeEach
    void maps() throws IOException {
        beg = write("beg.map", "/Api v_api\n/Api/a v_apia\n# comment\n\n/ v_root\nWWW.Example.COM host_exact\nWWW host_www\n");
        dom = write("dom.map", "example.com dom1\nexample dom2\n");
        ip = write("ip.map", "127.0.0.0/8 lo8\n127.0.0.1 lo1\n");
        ints = write("int.map", "10:20 range\n12 exact\n15 fifteen\n");
        reg = write("reg.map", "^a.c$ r1\nb r2\n");
        sub = write("sub.map", "/a xa\n/A big\nb xb\n");
        ipint = write("ipint.map", "127.0.0.1 42\n");
        ctx.client = new java.net.InetSocketAddress("127.0.0.1", 1234);
    }

    @Test
    void exact() {
        assertNull(sample(ctx, "path,map(" + beg + ")"));
        assertEquals("host_exact", sample(ctx, "hdr(host),map(" + beg + ")"));
        assertEquals("host_exact", sample(ctx, "hdr(host),map_str(" + beg + ",x)"));
        assertEquals("dflt", sample(ctx, "hdr(host),lower,map(" + beg + ",dflt)"));
    }

    @Test
    void prefixIsLongestMatch() {
        assertEquals("v_apia", sample(ctx, "path,map_beg(" + beg + ",nope)"));
        assertEquals("host_exact", sample(ctx, "hdr(host),map_beg(" + beg + ",nope)"));
        assertEquals("v_root", sample(TestContext.get("/zz"), "path,map_beg(" + beg + ")"));
    }

    @Test
    void listMatchesAreFirstInFileOrder() {
        assertEquals("dom1", sample(ctx, "hdr(host),lower,map_dom(" + dom + ",nope)"));
        assertEquals("v_api", sample(ctx, "path,map_dir(" + beg + ",none)"));
        assertEquals("none", sample(ctx, "path,map_end(" + beg + ",none)"));
        assertEquals("xa", sample(ctx, "path,map_sub(" + sub + ",none)"));
        assertEquals("r1", sample(ctx, "str(abc),map_reg(" + reg + ",none)"));
        assertEquals("r2", sample(ctx, "str(xbx),map_reg(" + reg + ",none)"));
        assertEquals("range", sample(ctx, "int(12),map_int(" + ints + ",none)"));
        assertEquals("range", sample(ctx, "int(15),map_int(" + ints + ",none)"));
        assertEquals("exact", sample(ctx, "int(12),map_int(" + write2() + ",none)"));
        assertEquals("none", sample(ctx, "int(30),map_int(" + ints + ",none)"));
    }

    private String write2() {
        try {
            return write("int2.map", "12 exact\n10:20 range\n");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ipIsLongestPrefix() {
        assertEquals("lo1", sample(ctx, "src,map_ip(" + ip + ",none)"));
        assertEquals("lo8", sample(TestContext.tcp("127.0.0.2", 1), "src,map_ip(" + ip + ",none)"));
        assertEquals("none", sample(TestContext.tcp("10.0.0.2", 1), "src,map_ip(" + ip + ",none)"));
        assertEquals("lo8", sample(ctx, "str(127.1.1.1),map_ip(" + ip + ")"));
    }

    @Test
    void outputTypes() throws IOException {
        assertEquals("42", sample(ctx, "src,map_ip_int(" + ipint + ",-1)"));
        assertEquals("43", sample(ctx, "src,map_ip_int(" + ipint + ",-1),add(1)"));
        String strint = write("strint.map", "x 7\n");
        assertEquals("7", sample(ctx, "str(x),map_str_int(" + strint + ",-1)"));
        assertEquals("-1", sample(ctx, "str(y),map_str_int(" + strint + ",-1)"));
        String toIp = write("toip.map", "a 10.0.0.9\n");
        assertEquals("10.0.0.9", sample(ctx, "str(a),map_str_ip(" + toIp + ")"));
        assertTrue(Acls.acl(ctx, "str(a),map_str_ip(" + toIp + ") 10.0.0.0/8"));
    }

    @Test
    void hostRoutingPattern() throws IOException, AclException {
        String hosts = write("hosts.map", "www.example.com be_www\napi.example.com be_api\n");
        SampleExpression e = AclCompiler.create().sample("req.hdr(host),lower,map(" + hosts + ",be_default)", Acls.HERE);
        assertEquals("be_www", e.evaluateString(ctx));
        assertEquals("be_api", e.evaluateString(TestContext.get("/", "Host", "API.example.com")));
        assertEquals("be_default", e.evaluateString(TestContext.get("/", "Host", "other")));
        // no Host header: the fetch finds nothing, so the map (and its default) is not applied, as in HAProxy
        assertNull(e.evaluateString(TestContext.get("/")));
        assertEquals("req.hdr(host),lower,map(" + hosts + ",be_default)", e.text());
    }

    @Test
    void filesAreReadOncePerCompiler() throws IOException, AclException {
        String m = write("once.map", "a 1\n");
        AclCompiler c = AclCompiler.create();
        SampleExpression first = c.sample("str(a),map(" + m + ")", Acls.HERE);
        Files.writeString(Path.of(m), "a 2\n");
        SampleExpression second = c.sample("str(a),map(" + m + ")", Acls.HERE);
        assertEquals("1", first.evaluateString(ctx));
        assertEquals("1", second.evaluateString(ctx));
        assertEquals("2", AclCompiler.create().sample("str(a),map(" + m + ")", Acls.HERE).evaluateString(ctx));
    }
}
