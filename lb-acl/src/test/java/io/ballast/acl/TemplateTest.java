package io.ballast.acl;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Log-format strings with {@code %[expr]}. */
class TemplateTest {

    private static StringTemplate t(String f) throws AclException {
        return AclCompiler.create().template(f, Acls.HERE);
    }

    @Test
    void rendersSamples() throws AclException {
        TestContext c = TestContext.get("/foo?x=1", "Host", "www.example.com");
        assertEquals("https://www.example.com/foo", t("https://%[hdr(host)]%[path]").render(c));
        assertEquals("100% /foo", t("100%% %[path]").render(c));
        assertEquals("[WWW.EXAMPLE.COM]", t("[%[hdr(host),upper]]").render(c));
        assertEquals("a--b", t("a-%[hdr(nope)]-b").render(c)); // nothing found renders empty (haproxy 2.6.12)
        assertEquals("x=1,y", t("%[query],y").render(c));
        assertEquals("a]b", t("%[str(a\\]b)]").render(c));
    }

    @Test
    void constantTemplates() throws AclException {
        StringTemplate s = t("plain %% text");
        assertTrue(s.isConstant());
        assertEquals("plain % text", s.render(TestContext.tcp("192.0.2.1", 1)));
        assertFalse(t("%[src]").isConstant());
        assertEquals("%[src]", t("%[src]").text());
        assertEquals("", t("").render(TestContext.tcp("192.0.2.1", 1)));
    }
}
