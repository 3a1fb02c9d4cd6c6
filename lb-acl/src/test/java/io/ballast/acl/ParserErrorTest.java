package io.ballast.acl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.ballast.acl.Acls.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every compile error names the offending word. Where HAProxy has a message, ours is the same text (taken from
 * {@code haproxy -c} 2.6.12 on the same line; HAProxy prefixes it with {@code parsing [file:line] : }), plus a
 * "Did you mean" hint where a close name exists.
 */
class ParserErrorTest {

    private static final String P = "error detected while parsing ACL 'a' : ";

    @Test
    void unknownFetch() {
        assertEquals(P + "unknown fetch method 'pth_beg' in ACL expression 'pth_beg'. Did you mean 'path_beg'?",
                error("acl a pth_beg /x"));
        assertEquals("unknown fetch method 'hdrr' in ACL expression 'hdrr(host)'. Did you mean 'hdr'?",
                error("if { hdrr(host) x }"));
        assertEquals(P + "unknown fetch method 'zzzzzz' in ACL expression 'zzzzzz'.", error("acl a zzzzzz 1"));
        // 2.6 has no *_str derivatives (haproxy -c: unknown fetch method 'path_str')
        assertTrue(error("acl a path_str x").startsWith(P + "unknown fetch method 'path_str'"));
    }

    @Test
    void unknownConverter() {
        assertEquals(P + "ACL keyword 'path_beg' : unknown converter 'lowr'. Did you mean 'lower'?",
                error("acl a path_beg,lowr /x"));
        assertEquals("failed to parse sample expression <path,lowr> : unknown converter 'lowr'. Did you mean 'lower'?",
                error("sample path,lowr"));
    }

    @Test
    void unknownFlag() {
        assertEquals(P + "'-z' is not a valid ACL option. Please use '--' before any pattern beginning with a '-'.",
                error("acl a path -z x"));
    }

    @Test
    void unknownMatchMethod() {
        assertEquals(P + "unknown matching method 'regx' when parsing ACL expression. Did you mean 'reg'?",
                error("acl a path -m regx x"));
        assertEquals(P + "'-m' must only be specified before patterns and files in parsing ACL expression.",
                error("acl a path -f /dev/null -m beg x"));
    }

    @Test
    void braces() {
        assertEquals("missing closing '}' in condition.", error("if { path /x"));
        assertEquals("no such ACL : 'path'.", error("if path /x }"));
        assertEquals("no such ACL : '}'.", error("if { path x } }"));
        assertEquals("missing fetch method in ACL expression ''.", error("if { }"));
    }

    @Test
    void badRegex() {
        assertEquals(P + "regex '(abc' is invalid (error=Unclosed group, erroffset=4).", error("acl a path_reg (abc"));
        assertTrue(error("sample path,regsub((,x)").contains("regex '(' is invalid"));
        assertEquals("failed to parse sample expression <path,regsub(a,b,z)> : invalid args in converter 'regsub' : "
                + "invalid regex flag 'z', only 'i' and 'g' are supported.", error("sample path,regsub(a,b,z)"));
    }

    @Test
    void badAddresses() {
        assertEquals(P + "'1.2.3.999' is not a valid IPv4 or IPv6 address.", error("acl a src 1.2.3.999"));
        assertEquals(P + "'10.0.0.0/33' is not a valid IPv4 or IPv6 address.", error("acl a src 10.0.0.0/33"));
        assertEquals(P + "'2001:db8:::1' is not a valid IPv4 or IPv6 address.", error("acl a src 2001:db8:::1"));
        assertEquals(P + "'www.example.com' is not a valid IPv4 or IPv6 address.", error("acl a src www.example.com"));
    }

    @Test
    void badNumbers() {
        assertEquals(P + "'abc' is not a number.", error("acl a path -m int abc"));
        assertEquals(P + "'1:x' is not a valid number range.", error("acl a path -m int 1:x"));
        assertEquals(P + "'abc' is not a number.", error("acl a src_port abc"));
    }

    @Test
    void fetchArguments() {
        assertEquals(P + "fetch method 'hdr' : failed to parse 'b' as type 'integer' at position 2 in ACL expression 'hdr(a,b,c)'.",
                error("acl a hdr(a,b,c) x"));
        assertEquals(P + "fetch method 'nbsrv' : expected ')' before ',x)' in ACL expression 'nbsrv(be,x)'.",
                error("acl a nbsrv(be,x) 1"));
        assertEquals(P + "fetch method 'int' : expected type 'integer' at position 1, but got nothing in ACL expression 'int'.",
                error("acl a int x"));
        assertEquals(P + "fetch method 'int' : failed to parse 'x' as type 'integer' at position 1 in ACL expression 'int(x)'.",
                error("acl a int(x) 1"));
        assertEquals(P + "fetch method 'hdr' : expected ')'.", error("acl a hdr(x"));
        assertEquals(P + "ACL keyword 'hdr' : missing comma after fetch keyword.", error("acl a hdr(x)y z"));
        assertTrue(error("acl a srv_is_up(be) 1").contains("missing server name in 'be'"));
        assertTrue(error("acl a var(foo.x) -m str y").contains("invalid variable name 'foo.x'. A variable name must be start by its scope."));
        assertEquals("failed to parse sample expression <path(1)> : fetch method 'path' : expected ')' before '1)'",
                error("sample path(1)"));
    }

    @Test
    void converterArguments() {
        assertEquals(P + "ACL keyword 'path' : invalid arg 1 in converter 'lower' : expected ')' before '1)'..",
                error("acl a path,lower(1) x"));
        assertEquals(P + "ACL keyword 'path' : invalid arg 1 in converter 'field' : failed to parse 'x' as type 'integer' at position 1..",
                error("acl a path,field(x,/) x"));
        assertEquals(P + "ACL keyword 'path' : invalid arg 1 in converter 'map' : missing arguments (got 0/1), type 'string' expected..",
                error("acl a path,map z"));
        assertTrue(error("acl a path,map(/dev/null,a,b) z").contains("invalid arg 3 in converter 'map' : expected ')' before ',b)'"));
    }

    @Test
    void missingFiles() {
        assertEquals(P + "failed to open pattern file </nonexistent/allow.lst>.", error("acl a src -f /nonexistent/allow.lst"));
        assertEquals(P + "failed to open pattern file <>.", error("acl a path -m beg -i -f"));
        assertEquals("failed to parse sample expression <hdr(host),map(/nonexistent.map)> : invalid args in converter 'map' : "
                + "failed to open pattern file </nonexistent.map>", error("sample hdr(host),map(/nonexistent.map)"));
    }

    @Test
    void badMapContent() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("bad", ".map");
        java.nio.file.Files.writeString(f, "127.0.0.1 42\nx 7\n");
        try {
            assertEquals("failed to parse sample expression <src,map_ip_int(" + f + ",-1)> : invalid args in converter "
                    + "'map_ip_int' : 'x' is not a valid IPv4 or IPv6 address at line 2 of file '" + f + "'",
                    error("sample src,map_ip_int(" + f + ",-1)"));
            java.nio.file.Files.writeString(f, "a notanumber\n");
            assertTrue(error("sample str(a),map_str_int(" + f + ")").contains("'notanumber' is not a number at line 1"));
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    @Test
    void undefinedAcl() {
        assertEquals("no such ACL : 'nope'.", error("if nope"));
        assertEquals("no such ACL : 'is_apo'. Did you mean 'is_api'?", error("acl is_api path_beg /api", "if is_apo"));
        assertEquals("no such ACL : 'METH_GT'. Did you mean 'METH_GET'?", error("if METH_GT"));
    }

    @Test
    void matchMethodRequiredForAnyType() {
        assertEquals(P + "matching method must be specified first (using '-m') when using a sample fetch of this type ('var').",
                error("acl a var(txn.x) y"));
    }

    @Test
    void aclNames() {
        assertEquals("character '/' is not permitted in acl name 'a/b'.", error("acl a/b path x"));
        assertTrue(error("acl or path x").contains("'or' is a reserved keyword"));
        assertTrue(error("acl a").contains("missing fetch method"));
    }

    @Test
    void conditionShape() {
        assertEquals("missing condition after 'if'.", error("if"));
        assertTrue(error("if TRUE or").contains("missing ACL after 'or'"));
        assertTrue(error("if or TRUE").contains("missing ACL before 'or'"));
        AclException e = org.junit.jupiter.api.Assertions.assertThrows(AclException.class,
                () -> AclCompiler.create().condition(List.of("when", "TRUE"), Acls.HERE));
        assertTrue(e.getMessage().contains("'if' or 'unless'"));
    }

    @Test
    void templates() {
        assertEquals("missing ']' after 'path'", error("template x%[path"));
        assertTrue(error("template %ci").contains("log-format variable '%ci' is not supported yet"));
        assertTrue(error("template a%b").contains("'%b'"));
        assertTrue(error("template 100%").contains("write '%%'"));
        assertTrue(error("template %{+Q}[path]").contains("not supported yet"));
        assertEquals("failed to parse sample expression <pth> : unknown fetch method 'pth'. Did you mean 'path'?",
                error("template %[pth]"));
    }

    @Test
    void aclOnlyKeywordsAreNotSamples() {
        assertTrue(error("sample path_beg").contains("'path_beg' is only valid as an ACL criterion"));
    }

    @Test
    void incompatibleMatch() {
        assertTrue(error("acl a ssl_fc -m ip 10.0.0.1").contains("cannot be matched with '-m ip'"));
    }

    @Test
    void warningsForAclsThatCanNeverMatch() throws AclException {
        AclCompiler c = AclCompiler.create();
        c.defineAcl(Acls.words("acl a path_beg"), Acls.HERE);
        c.defineAcl(Acls.words("acl b path_beg --"), Acls.HERE);
        c.defineAcl(Acls.words("acl c nbsrv(x) -m bool"), Acls.HERE);
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().get(0).startsWith("parsing [test.cfg:7] : parsing acl keyword 'path_beg' : no pattern to match"));
    }
}
