package io.ballast.acl;

import io.ballast.core.request.SimpleRequestView;
import io.ballast.core.request.TlsInfo;
import org.junit.jupiter.api.Test;

import static io.ballast.acl.Acls.acl;
import static io.ballast.acl.Acls.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code ssl_fc*} and {@code ssl_c_*} fetches read the connection's {@link TlsInfo}. */
class TlsFetchTest {

    private record Facts(String protocol, String cipher, String serverName, String alpn, boolean resumed,
                         boolean clientCertificate, int clientVerifyResult, String clientSubject,
                         String clientIssuer) implements TlsInfo {
    }

    private static TestContext tls(TlsInfo facts) {
        TestContext c = TestContext.of(SimpleRequestView.builder("GET", "/").build());
        c.tlsInfo = facts;
        return c;
    }

    @Test
    void connectionFacts() {
        TestContext c = tls(new Facts("TLSv1.3", "TLS_AES_256_GCM_SHA384", "www.example.com", "http/1.1", true,
                true, 0, "/C=FR/O=Example/CN=alice", "/CN=Example CA"));
        assertTrue(acl(c, "ssl_fc"));
        assertEquals("www.example.com", sample(c, "ssl_fc_sni"));
        assertTrue(acl(c, "ssl_fc_has_sni"));
        assertTrue(acl(c, "ssl_fc_sni_end .example.com"));
        assertTrue(acl(c, "ssl_fc_sni_reg ^www\\."));
        assertTrue(acl(c, "ssl_fc_sni -i WWW.example.com"));
        assertEquals("TLSv1.3", sample(c, "ssl_fc_protocol"));
        assertEquals("TLS_AES_256_GCM_SHA384", sample(c, "ssl_fc_cipher"));
        assertEquals("http/1.1", sample(c, "ssl_fc_alpn"));
        assertEquals("1", sample(c, "ssl_fc_is_resumed"));
        assertTrue(acl(c, "ssl_c_used"));
        assertTrue(acl(c, "ssl_fc_has_crt"));
        assertEquals("0", sample(c, "ssl_c_verify"));
        assertTrue(acl(c, "ssl_c_verify 0"));
        assertEquals("/C=FR/O=Example/CN=alice", sample(c, "ssl_c_s_dn"));
        assertEquals("/CN=Example CA", sample(c, "ssl_c_i_dn"));
        assertEquals("alice", sample(c, "ssl_c_s_dn,field(4,=)"));
    }

    @Test
    void withoutClientCertificateOrSni() {
        TestContext c = tls(new Facts("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256", null, null, false, false, 0, null, null));
        assertTrue(acl(c, "ssl_fc"));
        assertNull(sample(c, "ssl_fc_sni"));
        assertFalse(acl(c, "ssl_fc_has_sni"));
        assertFalse(acl(c, "ssl_c_used"));
        assertNull(sample(c, "ssl_c_s_dn"));
        assertTrue(Acls.eval(c, "if !{ ssl_c_used }"));
    }

    @Test
    void plainConnectionsFindNothing() {
        TestContext c = tls(null);
        assertFalse(acl(c, "ssl_fc"));
        assertTrue(Acls.eval(c, "if !{ ssl_fc }"));
        assertNull(sample(c, "ssl_fc_protocol"));
        assertNull(sample(c, "ssl_c_used"));
        assertFalse(acl(c, "ssl_fc_sni -m found"));
    }

    @Test
    void requestViewCarriesTheFactsByDefault() {
        TlsInfo facts = new Facts("TLSv1.2", "AES128-SHA", "a", null, false, false, 0, null, null);
        SampleContext ctx = SampleContext.of(new io.ballast.core.request.RequestView() {
            // a view of a TLS request; only tls() matters here
            @Override public String method() { return "GET"; }
            @Override public String uri() { return "/"; }
            @Override public String path() { return "/"; }
            @Override public String query() { return null; }
            @Override public String header(String name) { return null; }
            @Override public String version() { return "1.1"; }
            @Override public int headerCount() { return 0; }
            @Override public String headerName(int index) { return null; }
            @Override public String headerValue(int index) { return null; }
            @Override public java.net.SocketAddress clientAddress() { return null; }
            @Override public java.net.SocketAddress localAddress() { return null; }
            @Override public TlsInfo tls() { return facts; }
        });
        assertTrue(ctx.frontendTls());
        assertEquals("a", sample(ctx, "ssl_fc_sni"));
    }
}
