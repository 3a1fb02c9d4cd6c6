package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleTest {

    private static final String NL = System.lineSeparator();

    @Test
    void levelsAreAlignedLikeHaproxy() {
        assertEquals("[ALERT]    (42) : config : Fatal errors found in configuration.",
                Console.format("ALERT", 42, "config", "Fatal errors found in configuration."));
        assertEquals("[WARNING]  (42) : config : parsing [a.cfg:3] : x",
                Console.format("WARNING", 42, "config", "parsing [a.cfg:3] : x"));
        assertEquals("[NOTICE]   (42) : hello", Console.format("NOTICE", 42, null, "hello"));
    }

    @Test
    void continuationLinesArePrefixed() {
        assertEquals("[WARNING]  (1) : config : first" + NL + "   | second" + NL + "   | third",
                Console.format("WARNING", 1, "config", "first\nsecond\n   | third\n"));
    }

    @Test
    void writesToTheRightStream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 7);
        console.println("valid");
        console.configAlert("bad");
        console.warning("hmm");
        assertEquals("valid" + NL, out.toString(StandardCharsets.UTF_8));
        assertEquals("[ALERT]    (7) : config : bad" + NL + "[WARNING]  (7) : hmm" + NL,
                err.toString(StandardCharsets.UTF_8));
    }
}
