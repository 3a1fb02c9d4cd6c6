package io.ballast.acl;

import io.ballast.core.request.SimpleRequestView;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static io.ballast.acl.Acls.acl;
import static io.ballast.acl.Acls.eval;
import static io.ballast.acl.Acls.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layer 7 fetches. Expected values were checked against haproxy 2.6.12 with the same request
 * ({@code curl /api/v1?x=1&q=zz -H 'X-A: a, b' -H 'X-A: c' -H 'X-N: 12abc' -H 'Host: www.example.com:80'
 * -H 'Cookie: s=1; t=2' -H 'Cookie: s=3'}), rendered through {@code http-request return lf-string}.
 */
class HttpFetchTest {

    private final TestContext ctx = TestContext.get("/api/v1?x=1&q=zz",
            "X-A", "a, b", "X-A", "c", "X-N", "12abc", "Host", "www.example.com:80",
            "Cookie", "s=1; t=2", "Cookie", "s=3");

    @Test
    void requestLine() {
        assertEquals("/api/v1", sample(ctx, "path"));
        assertEquals("/api/v1?x=1&q=zz", sample(ctx, "url"));
        assertEquals("x=1&q=zz", sample(ctx, "query"));
        assertEquals("/api/v1?x=1&q=zz", sample(ctx, "pathq"));
        assertEquals("www.example.com:80/api/v1", sample(ctx, "base"));
        assertEquals("GET", sample(ctx, "method"));
        assertEquals("1.1", sample(ctx, "req.ver"));
        assertEquals("1.1", sample(ctx, "req_ver"));
        assertEquals("1", sample(ctx, "req.proto_http"));
    }

    @Test
    void absoluteFormPathAndBaseWithoutHost() {
        TestContext abs = TestContext.of(SimpleRequestView.builder("GET", "http://h.example/p/q?z=1").build());
        assertEquals("/p/q", sample(abs, "path"));
        assertTrue(acl(abs, "url_reg ^[^/:]*://"));
        TestContext noHost = TestContext.get("/x");
        assertEquals("/x", sample(noHost, "base"));
        assertNull(sample(noHost, "query"));
    }

    @Test
    void headerOccurrencesAreCommaSplitAndCountedFromEitherEnd() {
        // haproxy 2.6.12: hdr(x-a)=c, hdr(x-a,1)=a, hdr(x-a,-2)=b, req.fhdr(x-a)=c, hdr_cnt(x-a)=3
        assertEquals("c", sample(ctx, "hdr(x-a)"));
        assertEquals("c", sample(ctx, "req.hdr(X-A)"));
        assertEquals("c", sample(ctx, "hdr(x-a,0)"));
        assertEquals("a", sample(ctx, "hdr(x-a,1)"));
        assertEquals("b", sample(ctx, "hdr(x-a,2)"));
        assertEquals("b", sample(ctx, "hdr(x-a,-2)"));
        assertNull(sample(ctx, "hdr(x-a,4)"));
        assertNull(sample(ctx, "hdr(x-a,-4)"));
        assertEquals("c", sample(ctx, "req.fhdr(x-a)"));
        assertEquals("a, b", sample(ctx, "req.fhdr(x-a,1)"));
        assertEquals("3", sample(ctx, "hdr_cnt(x-a)"));
        assertEquals("2", sample(ctx, "req.fhdr_cnt(x-a)"));
        assertEquals("0", sample(ctx, "hdr_cnt(nope)"));
        assertEquals("12", sample(ctx, "hdr_val(x-n)"));
        assertEquals("12", sample(ctx, "req.hdr_val(x-n)"));
        assertNull(sample(ctx, "hdr(nope)"));
    }

    @Test
    void headerCountWithoutNameCountsEveryValue() {
        // haproxy 2.6.12: hdr_cnt() = 6 for 6 single-valued headers
        TestContext c = TestContext.get("/", "A", "1", "B", "2, 3");
        assertEquals("3", sample(c, "hdr_cnt()"));
        assertFalse(acl(c, "hdr -m found")); // hdr without a name finds nothing (haproxy 2.6.12)
    }

    @Test
    void quotedCommasDoNotSplit() {
        TestContext c = TestContext.get("/", "X", "\"a,b\", c");
        assertEquals("\"a,b\"", sample(c, "hdr(x,1)"));
        assertEquals("2", sample(c, "hdr_cnt(x)"));
    }

    @Test
    void aclTriesEveryOccurrenceUnlessOneIsGiven() {
        // haproxy 2.6.12: 'hdr(x-a) b' matches, 'hdr(x-a,1) b' does not, 'hdr(x-a,-1) c' matches,
        // 'req.fhdr(x-a) b' does not (no comma split)
        assertTrue(acl(ctx, "hdr(x-a) b"));
        assertTrue(acl(ctx, "hdr(x-a) a"));
        assertFalse(acl(ctx, "hdr(x-a,1) b"));
        assertTrue(acl(ctx, "hdr(x-a,-1) c"));
        assertFalse(acl(ctx, "req.fhdr(x-a) b"));
        assertTrue(acl(ctx, "req.fhdr(x-a) c"));
        assertTrue(acl(ctx, "hdr_cnt(x-a) 3"));
        assertTrue(acl(ctx, "hdr_val(x-n) gt 11"));
    }

    @Test
    void headerDerivatives() {
        TestContext c = TestContext.get("/", "Host", "www.Example.com", "X-Fwd", "10.1.2.3, 2001:db8::1", "Ua", "Mozilla/5.0 (X11)");
        assertTrue(acl(c, "hdr_beg(host) www."));
        assertTrue(acl(c, "hdr_end(host) .com"));
        assertTrue(acl(c, "hdr_sub(host) -i example"));
        assertFalse(acl(c, "hdr_sub(host) example"));
        assertTrue(acl(c, "hdr_dom(host) -i example.com"));
        assertTrue(acl(c, "hdr_dom(host) www"));
        assertFalse(acl(c, "hdr_dom(host) exam"));
        assertTrue(acl(c, "hdr_dir(ua) Mozilla"));
        assertTrue(acl(c, "hdr_len(host) 15"));
        assertTrue(acl(c, "hdr_reg(host) ^w+\\.[A-Z]"));
        assertTrue(acl(c, "hdr_ip(x-fwd) 10.0.0.0/8"));
        assertTrue(acl(c, "hdr_ip(x-fwd) 2001:db8::/32"));
        assertEquals("2001:db8::1", sample(c, "hdr_ip(x-fwd)"));
        assertEquals("10.1.2.3", sample(c, "req.hdr_ip(x-fwd,1)"));
    }

    @Test
    void headerIpAcceptsIpv4Ports() {
        TestContext c = TestContext.get("/", "X-Real", "192.0.2.7:8080", "X-6", "[2001:db8::7]:443");
        assertEquals("192.0.2.7", sample(c, "hdr_ip(x-real)"));
        assertNull(sample(c, "hdr_ip(x-6)")); // brackets: not an address (haproxy 2.6.12)
        assertNull(sample(TestContext.get("/", "X", "nope"), "hdr_ip(x)"));
    }

    @Test
    void cookies() {
        // haproxy 2.6.12: cook(s)=3 (last), cook_cnt(s)=2, cook_val(s)=3, cook() = first cookie value
        assertEquals("3", sample(ctx, "cook(s)"));
        assertEquals("3", sample(ctx, "req.cook(s)"));
        assertEquals("2", sample(ctx, "cook(t)"));
        assertEquals("2", sample(ctx, "cook_cnt(s)"));
        assertEquals("3", sample(ctx, "req.cook_cnt()"));
        assertEquals("3", sample(ctx, "cook_val(s)"));
        assertEquals("1", sample(ctx, "cook()"));
        assertNull(sample(ctx, "cook(nope)"));
        assertTrue(acl(ctx, "cook(s) 1"));
        assertTrue(acl(ctx, "cook(s) 3"));
        assertTrue(acl(ctx, "cook -m found"));
        assertTrue(acl(ctx, "cook_beg(t) 2"));
        assertTrue(acl(ctx, "cook_val(s) 1"));
        assertFalse(acl(ctx, "cook(S) 1"));
    }

    @Test
    void urlParameters() {
        TestContext c = TestContext.get("/p?a=1&b=&c&a=2&Ab=x");
        assertEquals("1", sample(c, "url_param(a)"));
        assertEquals("1", sample(c, "urlp(a)"));
        assertEquals("", sample(c, "urlp(b)"));
        assertNull(sample(c, "urlp(c)")); // no '=': not found (haproxy 2.6.12)
        assertNull(sample(c, "urlp(ab)"));
        assertEquals("x", sample(c, "urlp(ab,&,i)"));
        assertEquals("1", sample(c, "urlp()"));
        assertEquals("2", sample(TestContext.get("/p?x=1;y=2"), "urlp(y,;)"));
        assertTrue(acl(c, "urlp(a) 2"));
        assertFalse(acl(c, "urlp_beg(ab) x")); // case-sensitive name
        assertTrue(acl(c, "urlp_val(a) 2"));
        assertFalse(acl(c, "urlp(c) -m found"));
        assertNull(sample(TestContext.get("/p"), "urlp(a)"));
    }

    @Test
    void pathDerivatives() {
        TestContext c = TestContext.get("/api/v1/Users.json?x=1");
        assertTrue(acl(c, "path /api/v1/Users.json"));
        assertTrue(acl(c, "path_beg /api/ /static/"));
        assertFalse(acl(c, "path_beg /static/"));
        assertTrue(acl(c, "path_end .json .xml"));
        assertTrue(acl(c, "path_sub v1"));
        assertTrue(acl(c, "path_reg ^/api/v[0-9]+/"));
        assertTrue(acl(c, "path_len 18"));
        assertTrue(acl(c, "path_len gt 10"));
        // dir: a slash-delimited part; delimiters at the pattern ends are ignored (haproxy 2.6.12: path_dir api
        // and path_dir /api/ match /api/v1)
        assertTrue(acl(c, "path_dir api"));
        assertTrue(acl(c, "path_dir /api/"));
        assertTrue(acl(c, "path_dir api/v1"));
        assertFalse(acl(c, "path_dir ap"));
        assertFalse(acl(c, "path_dir Users"));
        // dom: parts delimited by . / ? : (haproxy 2.6.12: path_dom api matches /api)
        assertTrue(acl(c, "path_dom Users"));
        assertTrue(acl(c, "path_dom json"));
        assertFalse(acl(c, "path_dom User"));
        assertTrue(acl(c, "url_end x=1"));
        assertTrue(acl(c, "url_sub ?x"));
        assertTrue(acl(c, "url_beg /api"));
        assertTrue(acl(c, "url_len 22"));
        assertTrue(acl(c, "url_dir Users.json"));
        assertTrue(acl(c, "url_dom x=1"));
        assertTrue(acl(c, "url_reg x=[0-9]$"));
    }

    @Test
    void baseDerivatives() {
        TestContext c = TestContext.get("/img/a.png", "Host", "cdn.example.com");
        assertTrue(acl(c, "base cdn.example.com/img/a.png"));
        assertTrue(acl(c, "base_beg cdn.example.com/img/"));
        assertTrue(acl(c, "base_end .png"));
        assertTrue(acl(c, "base_dom example"));
        assertTrue(acl(c, "base_dir img"));
        assertTrue(acl(c, "base_sub example.com/img"));
        assertTrue(acl(c, "base_reg ^cdn\\."));
        assertTrue(acl(c, "base_len 25"));
    }

    @Test
    void methodAndVersion() {
        TestContext post = TestContext.of(SimpleRequestView.builder("POST", "/").version("1.0").build());
        assertTrue(acl(post, "method POST"));
        assertFalse(acl(post, "method post"));
        assertTrue(acl(post, "req.ver 1.0"));
        assertTrue(acl(post, "req_ver 1.0"));
        // haproxy 2.6.12: 'method -i get' does not match GET (known methods compare exactly), 'method GET' does
        TestContext get = TestContext.get("/");
        assertFalse(acl(get, "method -i get"));
        assertTrue(acl(get, "method GET"));
        TestContext purge = TestContext.of(SimpleRequestView.builder("PURGE", "/").build());
        assertTrue(acl(purge, "method -i purge"));
        assertFalse(acl(purge, "method purge"));
        assertTrue(acl(purge, "method,lower purge"));
    }

    @Test
    void responseFetches() {
        TestContext c = TestContext.get("/").response(503, "Content-Type", "text/html; charset=utf-8",
                "Set-Cookie", "a=1", "Cache-Control", "no-cache, private", "X-Srv", "10.0.0.9");
        assertEquals("503", sample(c, "status"));
        assertTrue(acl(c, "status 500:599"));
        assertEquals("private", sample(c, "res.hdr(cache-control)"));
        assertEquals("no-cache", sample(c, "shdr(cache-control,1)"));
        assertEquals("2", sample(c, "res.hdr_cnt(cache-control)"));
        assertEquals("2", sample(c, "shdr_cnt(cache-control)"));
        assertEquals("no-cache, private", sample(c, "res.fhdr(cache-control)"));
        assertTrue(acl(c, "res.hdr(cache-control) no-cache"));
        assertTrue(acl(c, "shdr_beg(content-type) text/"));
        assertTrue(acl(c, "shdr_sub(content-type) charset"));
        assertTrue(acl(c, "res.hdr_ip(x-srv) 10.0.0.0/24"));
        assertNull(sample(TestContext.get("/"), "status"));
        assertNull(sample(TestContext.get("/"), "res.hdr(x)"));
    }

    @Test
    void httpFetchesFindNothingWithoutRequest() {
        TestContext tcp = TestContext.tcp("192.0.2.1", 1234);
        for (String f : new String[] {"path", "url", "query", "base", "method", "req.ver", "hdr(host)", "cook(a)",
                "urlp(a)", "hdr_cnt(host)", "req.fhdr(host)", "pathq"}) {
            assertNull(sample(tcp, f), f);
            assertFalse(acl(tcp, f + " -m found"), f);
        }
        assertEquals("0", sample(tcp, "req.proto_http"));
        assertFalse(eval(tcp, "if HTTP"));
        assertTrue(eval(tcp, "if !{ path_beg /x }"));
    }

    @Test
    void clientAddressComesFromTheContext() {
        TestContext c = TestContext.get("/");
        c.client = new InetSocketAddress("2001:db8::42", 5555);
        assertEquals("2001:db8::42", sample(c, "src"));
    }
}
