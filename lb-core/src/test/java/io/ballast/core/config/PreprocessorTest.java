package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.ballast.core.config.TestConfigs.cfg;
import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conditional blocks, message directives, pseudo-variables and setenv, through the loader. */
class PreprocessorTest {

    private static int port(LoadedConfig c) {
        return ((InetEndpoint) c.config().frontends().get(0).binds().get(0).endpoint()).firstPort();
    }

    private static String withBind(String... bindBlock) {
        return cfg("defaults", "  timeout connect 5s", "  timeout client 5s", "  timeout server 5s", "frontend fe")
                + cfg(bindBlock) + cfg("  default_backend be", "backend be");
    }

    @Test
    void ifElifElseChoosesOneBranch() throws Exception {
        String text = withBind(".if streq(a,b)", "  bind :1", ".elif defined(PORT)", "  bind :2", ".else",
                "  bind :3", ".endif");
        assertEquals(2, port(load(text, Map.of("PORT", "x"))));
        assertEquals(3, port(load(text, Map.of())));
    }

    @Test
    void blocksNest() throws Exception {
        String text = withBind(".if 1", ".if 0", "  bind :1", ".else", ".if version_atleast(2.4)", "  bind :2",
                ".endif", ".endif", ".else", "  bind :3", ".endif");
        assertEquals(2, port(load(text)));
    }

    @Test
    void anInactiveBlockIsNotParsed() throws Exception {
        String text = withBind(".if 0", "  this is not a keyword \"unterminated", ".elif 1", "  bind :4", ".endif");
        assertEquals(4, port(load(text)));
    }

    @Test
    void conditionUsesVariablesExpandedOnTheLine() throws Exception {
        String text = withBind(".if streq(\"$MODE\",prod)", "  bind :5", ".else", "  bind :6", ".endif");
        assertEquals(5, port(load(text, Map.of("MODE", "prod"))));
    }

    @Test
    void missingEndifIsAnError() {
        ConfigException e = fails(withBind(".if 1", "  bind :1"));
        assertTrue(errors(e).contains("parsing [t.cfg:6] : '.if' : missing '.endif'"), errors(e));
    }

    @Test
    void endifWithoutIfIsAnError() {
        ConfigException e = fails(withBind("  bind :1", ".endif"));
        assertTrue(errors(e).contains("[t.cfg:7] : '.endif' : '.endif' without a matching '.if'"), errors(e));
    }

    @Test
    void malformedConditionIsAnErrorAtItsLine() {
        ConfigException e = fails(withBind(".if defined(X", "  bind :1", ".endif"));
        assertTrue(errors(e).contains("[t.cfg:6] : '.if' : invalid condition"), errors(e));
    }

    @Test
    void warningDirectiveBecomesAWarning() throws Exception {
        LoadedConfig c = load(withBind("  bind :1", ".warning \"check ${.FILE}:${.LINE} in ${.SECTION}\""));
        Diagnostic w = c.warnings().stream().filter(d -> ".warning".equals(d.keyword())).findFirst().orElseThrow();
        assertEquals("check t.cfg:7 in fe", w.message(), ".SECTION is the section name");
        assertEquals(7, w.location().line());
    }

    @Test
    void alertIsAnError() {
        ConfigException e = fails(withBind("  bind :1", ".if !defined(REQUIRED)", ".alert \"REQUIRED must be set\"",
                ".endif"));
        assertEquals("parsing [t.cfg:8] : '.alert' : REQUIRED must be set", e.errors().get(0).toString());
    }

    @Test
    void messageWithSeveralWordsIsRefusedLikeHaproxy() {
        ConfigException e = fails(withBind("  bind :1", ".warning two words"));
        assertTrue(errors(e).contains("unexpected argument 'words' for '.warning'. Use quotes"), errors(e));
    }

    @Test
    void setenvAffectsLaterLines() throws Exception {
        String text = cfg("global", "  setenv P 7001", "  presetenv Q 7002", "  presetenv R 9", "  unsetenv GONE")
                + withBind("  bind \":${P},:${Q},:${R},:${GONE-7004}\"");
        LoadedConfig c = load(text, Map.of("R", "7003", "GONE", "1"));
        var binds = c.config().frontends().get(0).binds();
        assertEquals(7001, ((InetEndpoint) binds.get(0).endpoint()).firstPort());
        assertEquals(7002, ((InetEndpoint) binds.get(1).endpoint()).firstPort());
        assertEquals(7003, ((InetEndpoint) binds.get(2).endpoint()).firstPort(), "presetenv does not override");
        assertEquals(7004, ((InetEndpoint) binds.get(3).endpoint()).firstPort());
    }

    @Test
    void fdFromAVariableInABindLine() throws Exception {
        LoadedConfig c = load(withBind("  bind fd@${LISTEN_FD}"), Map.of("LISTEN_FD", "3"));
        FdEndpoint fd = assertInstanceOf(FdEndpoint.class, c.config().frontends().get(0).binds().get(0).endpoint());
        assertEquals(3, fd.fd());
    }

    @Test
    void unterminatedQuoteNamesFileAndLine() {
        ConfigException e = fails(minimal("  log \"unterminated local0"));
        assertEquals(1, e.errors().size(), errors(e));
        assertTrue(e.errors().get(0).toString().startsWith("parsing [t.cfg:10] : unmatched quote at position 7"),
                errors(e));
    }
}
