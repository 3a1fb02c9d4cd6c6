package io.ballast.acl;

import io.ballast.core.request.SimpleRequestView;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static io.ballast.acl.Acls.eval;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The predefined ACLs of HAProxy 2.6 (configuration manual §7.4). */
class PredefinedAclTest {

    private static TestContext req(String method, String uri, String version, String... headers) {
        SimpleRequestView.Builder b = SimpleRequestView.builder(method, uri).version(version)
                .clientAddress(new InetSocketAddress("192.0.2.1", 1000));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return TestContext.of(b.build());
    }

    @Test
    void trueFalse() {
        TestContext c = TestContext.tcp("192.0.2.1", 1);
        assertTrue(eval(c, "if TRUE"));
        assertFalse(eval(c, "if FALSE"));
    }

    @Test
    void httpAndVersions() {
        assertTrue(eval(req("GET", "/", "1.1"), "if HTTP"));
        assertFalse(eval(TestContext.tcp("192.0.2.1", 1), "if HTTP"));
        assertTrue(eval(req("GET", "/", "1.0"), "if HTTP_1.0"));
        assertFalse(eval(req("GET", "/", "1.1"), "if HTTP_1.0"));
        assertTrue(eval(req("GET", "/", "1.1"), "if HTTP_1.1"));
        assertTrue(eval(req("GET", "/", "2.0"), "if HTTP_2.0"));
    }

    @Test
    void content() {
        assertTrue(eval(req("POST", "/", "1.1", "Content-Length", "12"), "if HTTP_CONTENT"));
        assertFalse(eval(req("POST", "/", "1.1", "Content-Length", "0"), "if HTTP_CONTENT"));
        assertFalse(eval(req("GET", "/", "1.1"), "if HTTP_CONTENT"));
        assertTrue(eval(req("GET", "/", "1.1"), "if REQ_CONTENT"));
        assertFalse(eval(TestContext.tcp("192.0.2.1", 1), "if REQ_CONTENT"));
        assertTrue(eval(TestContext.tcp("192.0.2.1", 1), "if WAIT_END"));
    }

    @Test
    void urlForms() {
        assertTrue(eval(req("GET", "http://a.example/x", "1.1"), "if HTTP_URL_ABS"));
        assertFalse(eval(req("GET", "/x", "1.1"), "if HTTP_URL_ABS"));
        assertTrue(eval(req("GET", "/x", "1.1"), "if HTTP_URL_SLASH"));
        assertTrue(eval(req("OPTIONS", "*", "1.1"), "if HTTP_URL_STAR"));
        assertFalse(eval(req("OPTIONS", "/", "1.1"), "if HTTP_URL_STAR"));
    }

    @Test
    void localhost() {
        assertTrue(eval(TestContext.tcp("127.0.0.1", 1), "if LOCALHOST"));
        assertTrue(eval(TestContext.tcp("127.3.2.1", 1), "if LOCALHOST"));
        assertTrue(eval(TestContext.tcp("::1", 1), "if LOCALHOST"));
        assertFalse(eval(TestContext.tcp("192.0.2.1", 1), "if LOCALHOST"));
    }

    @Test
    void methods() {
        assertTrue(eval(req("GET", "/", "1.1"), "if METH_GET"));
        assertTrue(eval(req("HEAD", "/", "1.1"), "if METH_GET")); // METH_GET matches HEAD too
        assertFalse(eval(req("POST", "/", "1.1"), "if METH_GET"));
        assertTrue(eval(req("HEAD", "/", "1.1"), "if METH_HEAD"));
        assertTrue(eval(req("POST", "/", "1.1"), "if METH_POST"));
        assertTrue(eval(req("PUT", "/", "1.1"), "if METH_PUT"));
        assertTrue(eval(req("DELETE", "/", "1.1"), "if METH_DELETE"));
        assertTrue(eval(req("OPTIONS", "/", "1.1"), "if METH_OPTIONS"));
        assertTrue(eval(req("TRACE", "/", "1.1"), "if METH_TRACE"));
        assertTrue(eval(req("CONNECT", "a:443", "1.1"), "if METH_CONNECT"));
        assertFalse(eval(req("get", "/", "1.1"), "if METH_GET"));
    }

    @Test
    void userAclsShadowPredefinedOnes() {
        assertFalse(eval(req("GET", "/", "1.1"), "if TRUE", "acl TRUE always_false"));
    }

    @Test
    void rdpCookieIsRefusedExplicitly() {
        String m = Acls.error("if RDP_COOKIE");
        assertTrue(m.contains("'RDP_COOKIE' is not supported yet"), m);
    }
}
