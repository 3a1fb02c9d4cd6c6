package io.ballast.acl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code geo_country(default)} is registered in {@code META-INF/services/io.ballast.acl.SampleFetchProvider}. */
class SampleFetchProviderTest {

    /** Maps 10.x clients to "NL", others to the argument (or nothing). */
    public static final class GeoCountry implements SampleFetchProvider {
        @Override
        public String name() {
            return "geo_country";
        }

        @Override
        public SampleType type() {
            return SampleType.STRING;
        }

        @Override
        public int maxArguments() {
            return 1;
        }

        @Override
        public Fetcher compile(List<String> arguments) {
            String dflt = arguments.isEmpty() ? null : arguments.get(0);
            if ("bad".equals(dflt)) {
                throw new IllegalArgumentException("'bad' is not a country code");
            }
            return ctx -> {
                String src = ctx.clientAddress().toString();
                return src.contains("/10.") ? "NL" : dflt;
            };
        }
    }

    @Test
    void loadedThroughServiceLoader() throws AclException {
        AclCompiler c = AclCompiler.create();
        c.defineAcl(Acls.words("acl dutch geo_country NL"), Acls.HERE);
        Condition cond = c.condition(Acls.words("if dutch"), Acls.HERE);
        assertTrue(cond.test(TestContext.tcp("10.1.1.1", 1)));
        assertFalse(cond.test(TestContext.tcp("192.0.2.1", 1)));
        assertEquals("nl", c.sample("geo_country,lower", Acls.HERE).evaluateString(TestContext.tcp("10.1.1.1", 1)));
        assertEquals("US", c.sample("geo_country(US)", Acls.HERE).evaluateString(TestContext.tcp("192.0.2.1", 1)));
        assertNull(c.sample("geo_country", Acls.HERE).evaluateString(TestContext.tcp("192.0.2.1", 1)));
    }

    @Test
    void argumentErrorsBecomeAclExceptions() {
        AclException e = assertThrows(AclException.class,
                () -> AclCompiler.create().sample("geo_country(bad)", Acls.HERE));
        assertTrue(e.getMessage().contains("'bad' is not a country code"), e.getMessage());
        AclException tooMany = assertThrows(AclException.class,
                () -> AclCompiler.create().sample("geo_country(a,b)", Acls.HERE));
        assertTrue(tooMany.getMessage().contains("expected ')' before ',b)'"), tooMany.getMessage());
    }

    @Test
    void providersMayNotReplaceBuiltIns() {
        SampleFetchProvider p = new SampleFetchProvider() {
            @Override
            public String name() {
                return "path";
            }

            @Override
            public SampleType type() {
                return SampleType.STRING;
            }

            @Override
            public Fetcher compile(List<String> arguments) {
                return ctx -> "x";
            }
        };
        assertThrows(IllegalStateException.class, () -> AclCompiler.create(List.of(p)));
    }
}
