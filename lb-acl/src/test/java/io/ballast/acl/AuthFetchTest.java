package io.ballast.acl;

import io.ballast.core.config.UserConfig;
import io.ballast.core.config.UserlistConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.ballast.acl.Acls.HERE;
import static io.ballast.acl.Acls.words;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code http_auth} and {@code http_auth_group}, with the userlist HAProxy 2.6.12 was run with:
 * <pre>
 * userlist L1
 *     group G1 users tiger,scott
 *     group G2
 *     user tiger insecure-password elgato
 *     user scott insecure-password tiger groups G2
 *     user sha password $5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5
 * </pre>
 * and the outcomes it gave for each {@code Authorization} header.
 */
class AuthFetchTest {

    private static final String SHA256 = "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5";
    private static final String SHA512 = "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1";
    private static final UserlistConfig L1 = new UserlistConfig("L1", Map.of(
            "tiger", new UserConfig("tiger", "elgato", false, Set.of("G1")),
            "scott", new UserConfig("scott", "tiger", false, Set.of("G1", "G2")),
            "sha", new UserConfig("sha", SHA256, true, Set.of()),
            "sha6", new UserConfig("sha6", SHA512, true, Set.of("G2")),
            "nopass", new UserConfig("nopass", null, false, Set.of())), Set.of("G1", "G2"), HERE);

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static boolean holds(String condition, String... headers) throws AclException {
        AclCompiler c = AclCompiler.withUserlists(List.of(L1));
        return c.condition(words(condition), HERE).test(TestContext.get("/", headers));
    }

    private static String sample(String expression, String... headers) throws AclException {
        return AclCompiler.withUserlists(List.of(L1)).sample(expression, HERE)
                .evaluateString(TestContext.get("/", headers));
    }

    @Test
    void rightCredentialsAuthenticate() throws Exception {
        assertTrue(holds("if { http_auth(L1) }", "Authorization", basic("tiger:elgato")));
        assertTrue(holds("if { http_auth(L1) }", "Authorization", basic("sha:Hello world!")), "SHA-256 crypt");
        assertTrue(holds("if { http_auth(L1) }", "Authorization", basic("sha6:Hello world!")), "SHA-512 crypt");
        assertTrue(holds("if { http_auth(L1) }", "Authorization", basic("sha6:Hello world!")), "again, from the cache");
        assertTrue(holds("if { http_auth(L1) }", "Authorization", "basic " + basic("tiger:elgato").substring(6)),
                "the scheme in any case");
        assertTrue(holds("if { http_auth(L1) }", "Authorization", "Basic  " + basic("tiger:elgato").substring(6)),
                "extra spaces");
    }

    @Test
    void wrongOrMissingCredentialsDoNot() throws Exception {
        assertFalse(holds("if { http_auth(L1) }"));
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("tiger:bad")));
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("sha:Hello world")));
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("sha:" + SHA256)), "the hash is no password");
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("tiger:elgato:x")), "the password is 'elgato:x'");
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("tiger:")));
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("nobody:elgato")));
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("nopass:")), "a user without password");
        assertFalse(holds("if { http_auth(L1) }", "Authorization", "Bearer " + basic("tiger:elgato").substring(6)));
        assertFalse(holds("if { http_auth(L1) }", "Authorization", "Basic !!!"));
    }

    @Test
    void onlyTheFirstValueOfTheFirstHeaderCounts() throws Exception {
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("x"), "Authorization", basic("tiger:elgato")));
        assertFalse(holds("if { http_auth(L1) }", "Authorization", basic("x") + ", " + basic("tiger:elgato")));
        assertTrue(holds("if { http_auth(L1) }", "Authorization", basic("tiger:elgato"), "Authorization", basic("x")));
    }

    @Test
    void groupAclMatchesTheUsersGroups() throws Exception {
        assertTrue(holds("if { http_auth_group(L1) G2 }", "Authorization", basic("scott:tiger")));
        assertTrue(holds("if { http_auth_group(L1) G1 }", "Authorization", basic("scott:tiger")), "from 'group G1 users'");
        assertTrue(holds("if { http_auth_group(L1) G9 G1 }", "Authorization", basic("tiger:elgato")));
        assertFalse(holds("if { http_auth_group(L1) G2 }", "Authorization", basic("tiger:elgato")));
        assertFalse(holds("if { http_auth_group(L1) G2 }", "Authorization", basic("scott:bad")));
        assertFalse(holds("if { http_auth_group(L1) G2 }"));
    }

    @Test
    void groupSampleIsTheUserName() throws Exception {
        assertEquals("scott", sample("http_auth_group(L1)", "Authorization", basic("scott:tiger")));
        assertNull(sample("http_auth_group(L1)", "Authorization", basic("scott:bad")));
    }

    @Test
    void unknownOrMissingUserlistIsAnError() {
        AclException e = assertThrows(AclException.class, () -> AclCompiler.withUserlists(List.of(L1))
                .defineAcl(words("acl ok http_auth(NOPE)"), HERE));
        assertTrue(e.getMessage().contains("unable to find userlist 'NOPE' referenced in arg 1 of ACL keyword "
                + "'http_auth'"), e.getMessage());
        assertTrue(assertThrows(AclException.class, () -> AclCompiler.create()
                .condition(words("if { http_auth(L1) }"), HERE)).getMessage().contains("unable to find userlist 'L1'"));
        assertTrue(assertThrows(AclException.class, () -> AclCompiler.withUserlists(List.of(L1))
                .condition(words("if { http_auth }"), HERE)).getMessage().contains("expected type 'userlist'"));
    }
}
