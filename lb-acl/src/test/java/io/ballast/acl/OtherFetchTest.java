package io.ballast.acl;

import io.ballast.core.server.Backend;
import io.ballast.core.server.ServerState;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static io.ballast.acl.Acls.acl;
import static io.ballast.acl.Acls.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layer 4, internal state and constant fetches. */
class OtherFetchTest {

    @Test
    void addressesAndPorts() {
        TestContext c = TestContext.tcp("192.0.2.9", 51000);
        assertEquals("192.0.2.9", sample(c, "src"));
        assertEquals("51000", sample(c, "src_port"));
        assertEquals("198.51.100.1", sample(c, "dst"));
        assertEquals("443", sample(c, "dst_port"));
        assertTrue(acl(c, "src_port 50000:52000"));
        assertTrue(acl(c, "dst_port 443"));
        assertTrue(acl(c, "dst 198.51.100.0/24"));
        assertTrue(acl(c, "src -m beg 192.0.")); // address cast to string
        c.local = null;
        assertNull(sample(c, "dst"));
        assertFalse(acl(c, "dst -m found"));
    }

    @Test
    void backendState() {
        Backend be = TestContext.backend("be_app", 3, 1, 10);
        TestContext c = TestContext.get("/").with(be);
        assertEquals("3", sample(c, "nbsrv(be_app)"));
        assertTrue(acl(c, "nbsrv(be_app) ge 2"));
        be.server("s0").setState(ServerState.DOWN);
        be.server("s1").setState(ServerState.MAINT);
        assertEquals("1", sample(c, "nbsrv(be_app)"));
        be.server("s2").setState(ServerState.DOWN);
        assertEquals("1", sample(c, "nbsrv(be_app)")); // the first usable backup counts as one
        be.server("s3").setState(ServerState.DOWN);
        assertEquals("0", sample(c, "nbsrv(be_app)"));
        assertTrue(acl(c, "nbsrv(be_app) lt 1"));
        assertNull(sample(c, "nbsrv(unknown)"));
        assertNull(sample(c, "nbsrv")); // no current backend yet
        c.current = be;
        assertEquals("0", sample(c, "nbsrv"));
        assertEquals("be_app", sample(c, "be_name"));
    }

    @Test
    void connectionsAndSlots() {
        Backend be = TestContext.backend("be", 2, 0, 10);
        TestContext c = TestContext.get("/").with(be);
        be.server("s0").requestStarted();
        be.server("s0").requestStarted();
        be.server("s1").requestStarted();
        assertEquals("3", sample(c, "be_conn(be)"));
        assertEquals("17", sample(c, "connslots(be)"));
        assertEquals("2", sample(c, "srv_conn(be/s0)"));
        Backend unlimited = TestContext.backend("u", 1, 0, 0);
        assertEquals("-1", sample(c.with(unlimited), "connslots(u)"));
        c.feConn = 42;
        assertEquals("42", sample(c, "fe_conn"));
        assertTrue(acl(c, "fe_conn gt 40"));
    }

    @Test
    void serverIsUp() {
        Backend be = TestContext.backend("be", 2, 0, 0);
        TestContext c = TestContext.get("/").with(be);
        assertTrue(acl(c, "srv_is_up(be/s0)"));
        be.server("s0").setState(ServerState.DOWN);
        assertFalse(acl(c, "srv_is_up(be/s0)"));
        assertTrue(acl(c, "srv_is_up(be/s1)"));
        assertFalse(acl(c, "srv_is_up(be/zz) -m found"));
    }

    @Test
    void backendReferencesAreRecordedForLaterChecks() throws AclException {
        AclCompiler c = AclCompiler.create();
        c.defineAcl(Acls.words("acl a nbsrv(be_x) 0"), Acls.HERE);
        c.condition(Acls.words("if { srv_is_up(be_y/s1) } or { be_conn gt 3 }"), Acls.HERE);
        assertEquals(3, c.backendReferences().size());
        BackendReference r0 = c.backendReferences().get(0);
        assertEquals(new BackendReference("nbsrv", "be_x", null, Acls.HERE), r0);
        assertEquals("unable to find backend 'be_x' referenced in arg 1 of ACL keyword 'nbsrv' in proxy 'fe'",
                r0.missingBackendMessage("fe"));
        BackendReference r1 = c.backendReferences().get(1);
        assertEquals("unable to find server 's1' in proxy 'be_y', referenced in arg 1 of ACL keyword 'srv_is_up' in proxy 'fe'",
                r1.missingServerMessage("fe"));
        assertNull(c.backendReferences().get(2).backend());
    }

    @Test
    void variables() throws UnknownHostException {
        TestContext c = TestContext.get("/").var("txn.s", "abc").var("txn.n", 42L).var("txn.b", true)
                .var("sess.ip", InetAddress.getByName("10.0.0.1"));
        assertEquals("abc", sample(c, "var(txn.s)"));
        assertEquals("42", sample(c, "var(txn.n)"));
        assertEquals("1", sample(c, "var(txn.b)"));
        assertEquals("10.0.0.1", sample(c, "var(sess.ip)"));
        assertNull(sample(c, "var(txn.missing)"));
        assertEquals("dflt", sample(c, "var(txn.missing,dflt)"));
        assertTrue(acl(c, "var(txn.s) -m str abc"));
        assertTrue(acl(c, "var(txn.n) -m int gt 40"));
        assertTrue(acl(c, "var(sess.ip) -m ip 10.0.0.0/8"));
        assertTrue(acl(c, "var(txn.b) -m bool"));
    }

    @Test
    void constantsAndEnvironment() {
        TestContext c = TestContext.get("/");
        assertEquals("7", sample(c, "int(7)"));
        assertEquals("-7", sample(c, "int(-7)"));
        assertEquals("hello", sample(c, "str(hello)"));
        assertEquals("a,b", sample(c, "str('a,b')"));
        assertEquals("a)b", sample(c, "str(a\\)b)"));
        assertEquals("1", sample(c, "bool(1)"));
        assertEquals("1", sample(c, "always_true"));
        assertEquals("0", sample(c, "always_false"));
        assertEquals("10.1.2.3", sample(c, "ipv4(10.1.2.3)"));
        assertEquals("2001:db8::1", sample(c, "ipv6(2001:db8:0::1)"));
        assertEquals(System.getenv("PATH"), sample(c, "env(PATH)"));
        assertNull(sample(c, "env(BALLAST_SURELY_UNSET_VARIABLE)"));
        assertTrue(acl(c, "wait_end"));
    }

    @Test
    void sslFrontendComesFromTheContext() {
        TestContext c = TestContext.get("/");
        assertFalse(acl(c, "ssl_fc"));
        assertTrue(Acls.eval(c, "unless { ssl_fc }"));
        c.tls = true;
        assertTrue(acl(c, "ssl_fc"));
    }

    @Test
    void ipv6ClientFormatting() {
        TestContext c = TestContext.get("/");
        c.client = new InetSocketAddress("::1", 80);
        assertEquals("::1", sample(c, "src"));
        assertTrue(Acls.eval(c, "if LOCALHOST"));
    }
}
