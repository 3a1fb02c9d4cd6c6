package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LexerTest {

    private static final Map<String, String> ENV = Map.of("HOST", "10.0.0.1", "EMPTY", "", "MULTI", "one two  three",
            "PORT", "8080");

    private static List<String> split(String line) throws Lexer.LexException {
        return new Lexer(ENV::get).split(line);
    }

    @Test
    void spacesAndTabsSeparateWordsAndIndentationIsMeaningless() throws Exception {
        assertEquals(List.of("server", "s1", "1.2.3.4:80"), split("  \tserver \t s1   1.2.3.4:80  "));
    }

    @Test
    void hashStartsACommentEvenInsideAWord() throws Exception {
        assertEquals(List.of("bind", ":80"), split("bind :80 # the web port"));
        assertEquals(List.of("a"), split("a#b"));
        assertEquals(List.of(), split("# only a comment"));
    }

    @Test
    void crIsTolerated() throws Exception {
        assertEquals(List.of("mode", "http"), split("mode http\r"));
    }

    @Test
    void backslashEscapesOutsideQuotes() throws Exception {
        assertEquals(List.of("a b#c\\d'e\"f"), split("a\\ b\\#c\\\\d\\'e\\\"f"));
        assertEquals(List.of("\n\r\tA"), split("\\n\\r\\t\\x41"));
    }

    @Test
    void badHexEscapeIsAnError() {
        assertThrows(Lexer.LexException.class, () -> split("\\xZZ"));
        assertThrows(Lexer.LexException.class, () -> split("\\x4"));
    }

    @Test
    void doubleQuotesProtectSpacesHashAndSingleQuotes() throws Exception {
        assertEquals(List.of("log-format", "%t # it's"), split("log-format \"%t # it's\""));
    }

    @Test
    void doubleQuotesExpandVariables() throws Exception {
        assertEquals(List.of("10.0.0.1:8080"), split("\"$HOST:${PORT}\""));
    }

    @Test
    void escapesInsideDoubleQuotes() throws Exception {
        assertEquals(List.of("X$Y\"\\z"), split("\"X\\$Y\\\"\\\\z\""));
    }

    @Test
    void singleQuotesInterpretNothing() throws Exception {
        assertEquals(List.of("$HOST \\n \"#"), split("'$HOST \\n \"#'"));
    }

    @Test
    void adjacentPiecesJoinIntoOneWord() throws Exception {
        assertEquals(List.of("a bcd"), split("\"a b\"'c'd"));
    }

    @Test
    void defaultIsUsedOnlyWhenTheVariableIsUnset() throws Exception {
        assertEquals(List.of("a def b  c"), split("\"a ${UNSET-def} b ${EMPTY-def} c\""));
    }

    @Test
    void unsetVariableWithoutDefaultIsEmpty() throws Exception {
        assertEquals(List.of("<>"), split("\"<$NOPE>\""));
    }

    @Test
    void emptyQuotesGiveAnEmptyWord() throws Exception {
        assertEquals(List.of("a", "", "b"), split("a \"\" b"));
    }

    @Test
    void starSuffixSplitsTheValueIntoWords() throws Exception {
        assertEquals(List.of("x", "one", "two", "three", "y"), split("x \"${MULTI[*]}\" y"));
    }

    @Test
    void variablesAreNotExpandedOutsideDoubleQuotes() throws Exception {
        // haproxy 2.6.12 -c: `.notice pre$HOME` prints pre$HOME, `.notice pre${HOME}x` prints pre${HOME}x.
        assertEquals(List.of("bind", ":${PORT}", "fd@$PORT"), split("bind :${PORT} fd@$PORT"));
        assertEquals(List.of("${MULTI}"), split("${MULTI}"));
    }

    @Test
    void addressesExpandVariablesLikeEnvExpand() {
        Lexer lexer = new Lexer(Map.of("PORT", "8080", "FD", "3")::get);
        assertEquals(":8080", lexer.expandAddress(":${PORT}"));
        assertEquals("fd@3", lexer.expandAddress("fd@$FD"));
        assertEquals("127.0.0.1:", lexer.expandAddress("127.0.0.1:${NOPE}"));
    }

    @Test
    void badVariableNameInsideQuotesIsAnError() {
        Lexer.LexException e = assertThrows(Lexer.LexException.class, () -> split("    .notice \"b|$|\""));
        assertEquals("forbidden first char in environment variable name at position 17", e.getMessage());
    }

    @Test
    void aLoneDollarStaysLiteral() throws Exception {
        assertEquals(List.of("a$", "$1"), split("a$ $1"));
    }

    @Test
    void unterminatedQuotesAreErrors() {
        Lexer.LexException e = assertThrows(Lexer.LexException.class, () -> split("log \"unterminated"));
        assertTrue(e.getMessage().contains("unmatched quote at position 5"), e.getMessage());
        assertThrows(Lexer.LexException.class, () -> split("log 'unterminated"));
        assertThrows(Lexer.LexException.class, () -> split("log \"${UNCLOSED\""));
    }
}
