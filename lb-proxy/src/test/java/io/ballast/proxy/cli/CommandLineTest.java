package io.ballast.proxy.cli;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Splitting command lines as HAProxy's {@code cli_parse_request} does. */
class CommandLineTest {

    @Test
    void wordsAreSeparatedBySpacesAndTabs() {
        assertEquals(List.of("set", "server", "be/s1", "state", "drain"),
                CommandLine.parse("  set server\tbe/s1  state drain ", null).words());
        assertEquals(List.of(), CommandLine.parse(" \t", null).words());
    }

    @Test
    void backslashesKeepTheNextCharacter() {
        assertEquals(List.of("a b", "c;d", "e\\f", "g"), CommandLine.parse("a\\ b c\\;d e\\\\f g\\", null).words());
    }

    @Test
    void aFinalMarkerAnnouncesThePayload() {
        CommandLine line = CommandLine.parse("add map x <<", "k v\nk2 v2");
        assertEquals(List.of("add", "map", "x"), line.words());
        assertEquals("k v\nk2 v2", line.payload());
        assertNull(CommandLine.parse("show a<<", null).payload());
        assertEquals("", line.word(7), "missing words read as empty, as HAProxy's arguments do");
    }

    @Test
    void atMost64Words() {
        assertEquals(64, CommandLine.parse(String.join(" ", Collections.nCopies(70, "w")), null).words().size());
    }
}
