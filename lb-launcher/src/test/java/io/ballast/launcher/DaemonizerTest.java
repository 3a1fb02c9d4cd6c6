package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DaemonizerTest {

    @Test
    void childIsRecognisedByTheEnvironmentMarker() {
        assertTrue(Daemonizer.isChild(Map.of(Daemonizer.CHILD_MARKER, "1")));
        assertFalse(Daemonizer.isChild(Map.of()));
        assertFalse(Daemonizer.isChild(Map.of(Daemonizer.CHILD_MARKER, "0")));
    }

    @Test
    void childCommandRunsTheSameJavaInTheForegroundBeforeTheOriginalArguments() {
        List<String> args = List.of("-D", "-f", "a.cfg", "--", "b.cfg");
        List<String> command = Daemonizer.childCommand(args);
        int db = command.indexOf("-db");
        assertTrue(db > 0, command.toString());
        assertEquals(args, command.subList(db + 1, command.size()), "-db comes before --");
        assertTrue(command.get(0).endsWith("java"), command.toString());
    }
}
