package io.ballast.acl;

import org.junit.jupiter.api.Test;

import static io.ballast.acl.Acls.acl;
import static io.ballast.acl.Acls.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Converters. Expected values were produced by haproxy 2.6.12 for the request {@code /Api/a/b/c?x=1&y}
 * ({@code http-request return lf-string "%[expr]"}).
 */
class ConverterTest {

    private final TestContext ctx = TestContext.get("/Api/a/b/c?x=1&y", "Host", "WWW.Example.COM");

    @Test
    void caseAndLength() {
        assertEquals("/API/A/B/C", sample(ctx, "path,upper"));
        assertEquals("www.example.com", sample(ctx, "hdr(host),lower"));
        assertEquals("10", sample(ctx, "path,length"));
        assertEquals("0", sample(ctx, "str(),length"));
        assertNull(sample(ctx, "hdr(nope),length"));
    }

    @Test
    void fieldAndWord() {
        assertEquals("Api", sample(ctx, "path,field(2,/)"));
        assertEquals("c", sample(ctx, "path,field(-1,/)"));
        assertEquals("Api/a", sample(ctx, "path,field(2,/,2)"));
        assertEquals("a/b", sample(ctx, "path,field(-2,/,2)"));
        assertEquals("Api/a/b/c", sample(ctx, "path,field(2,/,0)"));
        assertEquals("", sample(ctx, "path,field(1,/)"));
        assertNull(sample(ctx, "path,field(9,/)"));
        assertEquals("Api", sample(ctx, "path,word(1,/)"));
        assertEquals("a/b", sample(ctx, "path,word(2,/,2)"));
        assertEquals("c", sample(ctx, "path,word(-1,/)"));
        assertEquals("a/b", sample(ctx, "path,word(-2,/,2)"));
        assertEquals("a/b/c", sample(ctx, "path,word(2,/,0)"));
        assertEquals("", sample(ctx, "path,word(9,/)"));
        assertEquals("b", sample(ctx, "str(//a//b/),word(2,/)"));
        assertEquals("b", sample(ctx, "str(//a//b/),word(-1,/)"));
        assertEquals("a", sample(ctx, "str(//a//b/),field(3,/)"));
        assertEquals("b", sample(ctx, "str(a b c),word(2,' ')"));
        assertEquals("", sample(ctx, "path,field(3,/a)"));
        assertFalse(acl(ctx, "path,field(9,/) -m found"));
        assertTrue(acl(ctx, "path,word(9,/) -m found"));
    }

    @Test
    void bytes() {
        assertEquals("Api", sample(ctx, "path,bytes(1,3)"));
        assertEquals("pi/a/b/c", sample(ctx, "path,bytes(2)"));
        assertEquals("", sample(ctx, "path,bytes(10)"));
        assertTrue(acl(ctx, "path,bytes(20) -m found"));
    }

    @Test
    void regsub() {
        assertEquals("/Api/X/X/c", sample(ctx, "path,regsub('(a|b)',X,g)"));
        assertEquals("/Zpi/Z/b/c", sample(ctx, "path,regsub(a,Z,ig)"));
        assertEquals("/Api/Z/b/c", sample(ctx, "path,regsub(a,Z)"));
        assertEquals("aXc", sample(ctx, "str(abc),regsub(B,X,i)"));
        // Checked with HAProxy 2.6.12: a backslash before a regex character is kept, so '\.' matches only dots.
        assertEquals("www-example-com", sample(ctx, "str(www.example.com),regsub(\\.,-,g)"));
        assertEquals("a,b", sample(ctx, "str(a;b),regsub(;,\\,)"));
        assertEquals("acabc", sample(ctx, "str(abcabc),regsub(b,\\\\1)"));
        assertEquals("a<b>ca<b>c", sample(ctx, "str(abcabc),regsub('(b)',<\\\\1>,g)"));
        assertEquals("abc", sample(ctx, "str(abc),regsub(z,y,g)"));
        assertEquals("-a-b-", sample(ctx, "str(ab),regsub('x*',-,g)"));
    }

    @Test
    void trims() {
        assertEquals("Api/a/b/c", sample(ctx, "path,ltrim(/)"));
        assertEquals("xxA", sample(ctx, "str(xxAxx),rtrim(x)"));
    }

    @Test
    void encodings() {
        assertEquals("a/b+c", sample(ctx, "str(a%2Fb+c),url_dec"));
        assertEquals("a b ", sample(ctx, "str(a+b%20),url_dec(1)"));
        assertEquals("A", sample(ctx, "str(%41),url_dec"));
        assertNull(sample(ctx, "str(%zz),url_dec"));
        assertNull(sample(ctx, "str(%4),url_dec"));
        assertEquals("aGVsbG8=", sample(ctx, "str(hello),base64"));
        assertEquals("hello", sample(ctx, "str(aGVsbG8=),b64dec"));
        assertNull(sample(ctx, "str(aa),b64dec"));
        assertEquals("4142", sample(ctx, "str(AB),hex"));
        assertEquals("4162", sample(ctx, "str(Ab),hex,lower"));
    }

    @Test
    void arithmetic() {
        assertEquals("15", sample(ctx, "str(12),add(3)"));
        assertEquals("24", sample(ctx, "str(12abc),mul(2)"));
        assertEquals("3", sample(ctx, "int(5),sub(2)"));
        assertEquals("-3", sample(ctx, "int(-5),add(2)"));
        assertEquals("3", sample(ctx, "int(7),div(2)"));
        assertEquals("-3", sample(ctx, "int(-7),div(2)"));
        assertEquals(Long.toString(Long.MAX_VALUE), sample(ctx, "str(12),div(0)"));
        assertEquals("1", sample(ctx, "int(7),mod(3)"));
        assertEquals("-1", sample(ctx, "int(-7),mod(3)"));
        assertEquals("0", sample(ctx, "int(7),mod(0)"));
        assertEquals("-2", sample(ctx, "int(2),neg"));
        assertEquals("1", sample(ctx, "int(3),odd"));
        assertEquals("0", sample(ctx, "int(3),even"));
        assertEquals("1", sample(ctx, "int(0),not"));
        assertEquals("1", sample(ctx, "int(9),bool"));
        assertEquals("2", sample(ctx, "int(6),and(3)"));
        assertEquals("7", sample(ctx, "int(6),or(3)"));
        assertEquals("5", sample(ctx, "int(6),xor(3)"));
        assertEquals(Long.toString(Long.MAX_VALUE), sample(ctx, "int(9223372036854775807),add(1)"));
        ctx.var("txn.n", 10L);
        assertEquals("17", sample(ctx, "int(7),add(txn.n)"));
        assertNull(sample(ctx, "int(7),add(txn.none)"));
        assertTrue(acl(ctx, "path,length,mul(2) 20"));
    }

    @Test
    void addressToStringAndIntCasts() {
        TestContext c = TestContext.tcp("10.0.0.1", 1);
        assertEquals("10.0.0.1", sample(c, "src,lower"));
        assertEquals("167772161", sample(c, "src,add(0)"));
    }
}
