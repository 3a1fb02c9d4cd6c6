package io.ballast.acl;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ballast.acl.Acls.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conditions: implicit AND, {@code or}/{@code ||}, {@code !}, anonymous ACLs, {@code unless}. The truth table
 * was checked with haproxy 2.6.12 ({@code m3} = METH GET on a GET request): {@code if m1 m2 or m3 !m3} false,
 * {@code if !m3 or m3 !m3 or m3} true, {@code unless m3} false, {@code if !!m3} true, {@code if ! m3} false.
 */
class ConditionTest {

    private final TestContext get = TestContext.get("/api/x", "Host", "a.example");
    private final String[] acls = {"acl m3 method GET", "acl api path_beg /api", "acl no path_beg /nope"};

    @Test
    void booleanStructure() {
        assertFalse(eval(get, "if no api or m3 !m3", acls));
        assertTrue(eval(get, "if !m3 or m3 !m3 or m3", acls));
        assertFalse(eval(get, "unless m3", acls));
        assertTrue(eval(get, "unless no", acls));
        assertTrue(eval(get, "if !!m3", acls));
        assertFalse(eval(get, "if ! m3", acls));
        assertTrue(eval(get, "if m3 api", acls));
        assertFalse(eval(get, "if m3 no", acls));
        assertTrue(eval(get, "if no || api", acls));
        assertTrue(eval(get, "if no OR api", acls));
        assertTrue(eval(get, "if !no", acls));
    }

    @Test
    void anonymousAcls() {
        assertTrue(eval(get, "if { path_beg /api } { hdr(host) -i A.EXAMPLE }"));
        assertTrue(eval(get, "if !{ path_beg /x } m3", acls));
        assertTrue(eval(get, "if ! { path_beg /x }"));
        assertFalse(eval(get, "if METH_POST { req.hdr_cnt(content-length) eq 0 }"));
        assertTrue(eval(get, "if METH_GET { req.hdr_cnt(content-length) eq 0 }"));
    }

    @Test
    void evaluationIsLazyAndShortCircuits() throws AclException {
        AtomicInteger calls = new AtomicInteger();
        SampleFetchProvider counting = new SampleFetchProvider() {
            @Override
            public String name() {
                return "count_calls";
            }

            @Override
            public SampleType type() {
                return SampleType.BOOLEAN;
            }

            @Override
            public Fetcher compile(List<String> arguments) {
                return ctx -> {
                    calls.incrementAndGet();
                    return true;
                };
            }
        };
        AclCompiler c = AclCompiler.create(List.of(counting));
        c.defineAcl(Acls.words("acl counted count_calls"), Acls.HERE);
        c.defineAcl(Acls.words("acl api path_beg /api"), Acls.HERE);
        assertTrue(c.condition(Acls.words("if api or counted"), Acls.HERE).test(get));
        assertEquals(0, calls.get());
        assertFalse(c.condition(Acls.words("if !api counted"), Acls.HERE).test(get));
        assertEquals(0, calls.get());
        assertTrue(c.condition(Acls.words("if api counted"), Acls.HERE).test(get));
        assertEquals(1, calls.get());
    }

    @Test
    void explainTracesEveryEvaluatedTerm() throws AclException {
        AclCompiler c = AclCompiler.create();
        for (String a : acls) {
            c.defineAcl(Acls.words(a), Acls.HERE);
        }
        Condition cond = c.condition(Acls.words("if no api or !no { hdr(host) a.example }"), Acls.HERE);
        ConditionTrace t = cond.explain(get);
        assertTrue(t.result());
        assertEquals("if no api or !no { hdr(host) a.example }", t.condition());
        assertEquals(List.of(
                new ConditionTrace.Step("no", false, false),
                new ConditionTrace.Step("!no", false, true),
                new ConditionTrace.Step("{ hdr(host) a.example }", true, true)), t.steps());
        assertEquals("if no api or !no { hdr(host) a.example }\n"
                + "  no -> false\n"
                + "  !no -> true (acl did not match)\n"
                + "  { hdr(host) a.example } -> true\n"
                + "  => true", t.toString());
        assertEquals(cond.test(get), t.result());
        ConditionTrace u = c.condition(Acls.words("unless api"), Acls.HERE).explain(get);
        assertFalse(u.result());
        assertEquals("if no api or !no { hdr(host) a.example }", cond.text());
    }

    @Test
    void conditionsAreThreadSafe() throws Exception {
        AclCompiler c = AclCompiler.create();
        c.defineAcl(Acls.words("acl h hdr(x) b"), Acls.HERE);
        Condition cond = c.condition(Acls.words("if h { path_beg /api }"), Acls.HERE);
        TestContext yes = TestContext.get("/api", "X", "a, b", "X", "c");
        TestContext no = TestContext.get("/api", "X", "a", "X", "c");
        Thread[] ts = new Thread[4];
        AtomicInteger errors = new AtomicInteger();
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(() -> {
                for (int k = 0; k < 20000; k++) {
                    if (!cond.test(yes) || cond.test(no)) {
                        errors.incrementAndGet();
                    }
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertEquals(0, errors.get());
    }
}
