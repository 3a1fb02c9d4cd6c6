package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static io.ballast.core.config.TestConfigs.warnings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code userlist} sections; messages are HAProxy 2.6's where it has one. */
class UserlistTest {

    private static final String SHA256 = "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5";

    @Test
    void usersGroupsAndPasswords() throws Exception {
        LoadedConfig c = load(cfg("userlist L1", "  group G1 users tiger,scott", "  group G2",
                "  user tiger insecure-password elgato", "  user scott insecure-password tiger groups G2",
                "  user sha password " + SHA256, "  user nopass") + minimal());
        UserlistConfig l = c.config().userlist("L1").orElseThrow();
        assertEquals(Set.of("G1", "G2"), l.groups());
        assertEquals(new UserConfig("tiger", "elgato", false, Set.of("G1")), l.users().get("tiger"));
        assertEquals(new UserConfig("scott", "tiger", false, Set.of("G1", "G2")), l.users().get("scott"),
                "groups from both the user's 'groups' and the group's 'users'");
        assertEquals(new UserConfig("sha", SHA256, true, Set.of()), l.users().get("sha"));
        assertNull(l.users().get("nopass").password());
        assertEquals("t.cfg:1", l.location().toString());
    }

    @Test
    void namesAreCheckedOnceEverythingIsRead() {
        String e = errors(fails(cfg("userlist L1", "  group G2 users nobody",
                "  user u insecure-password p groups NOG") + minimal()));
        assertTrue(e.contains("[t.cfg:3] : 'user' : userlist 'L1': no such group 'NOG' specified in user 'u'"), e);
        assertTrue(e.contains("[t.cfg:2] : 'group' : userlist 'L1': no such user 'nobody' specified in group 'G2'"), e);
    }

    @Test
    void badOptionsAreErrors() {
        String e = errors(fails(cfg("userlist L1", "  user v foo bar", "  group G foo", "  users x") + minimal()));
        assertTrue(e.contains("[t.cfg:2] : 'user' : 'user' only supports 'password', 'insecure-password' and "
                + "'groups' options."), e);
        assertTrue(e.contains("[t.cfg:3] : 'group' : 'group' only supports 'users' option."), e);
        assertTrue(e.contains("[t.cfg:4] : 'users' : unknown keyword 'users' in 'userlist' section"), e);
        assertTrue(e.contains("did you mean 'user'"), e);
    }

    @Test
    void onlyShaCryptHashesAreAccepted() {
        String e = errors(fails(cfg("userlist L1", "  user md5 password $1$abc$xyz",
                "  user des password abJnggxhB/yWI", "  user bcrypt password $2b$10$abc",
                "  user short password $5$salt$tooShort") + minimal()));
        assertTrue(e.contains("[t.cfg:2] : 'user' : user 'md5' of userlist 'L1': MD5-crypt password hashes ('$1$') "
                + "are not supported; Ballast checks SHA-512 ('$6$') and SHA-256 ('$5$') crypt hashes"), e);
        assertTrue(e.contains("[t.cfg:3] : 'user' : user 'des' of userlist 'L1': DES-crypt password hashes"), e);
        assertTrue(e.contains("[t.cfg:4] : 'user' : user 'bcrypt' of userlist 'L1': password hash scheme '$2b$' is "
                + "not supported"), e);
        assertTrue(e.contains("[t.cfg:5] : 'user' : user 'short' of userlist 'L1': malformed SHA-crypt"), e);
    }

    @Test
    void duplicatesAreIgnoredWithAWarning() throws Exception {
        LoadedConfig c = load(cfg("userlist L1", "  group G", "  group G", "  user u insecure-password p",
                "  user u insecure-password q", "userlist L1", "  user x insecure-password x") + minimal());
        String w = warnings(c.warnings());
        assertTrue(w.contains("[t.cfg:3] : 'group' : ignoring duplicated group 'G' in userlist 'L1'."), w);
        assertTrue(w.contains("[t.cfg:5] : 'user' : ignoring duplicated user 'u' in userlist 'L1'."), w);
        assertTrue(w.contains("[t.cfg:6] : 'userlist' : ignoring duplicated userlist 'L1'"), w);
        UserlistConfig l = c.config().userlist("L1").orElseThrow();
        assertEquals("p", l.users().get("u").password());
        assertEquals("x", l.users().get("x").password(), "HAProxy adds the lines to the first list");
    }
}
