package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void writesThePidAndRemovesTheFile() throws IOException {
        Path path = dir.resolve("ballast.pid");
        PidFile pidFile = PidFile.write(path, 4242);
        assertEquals("4242\n", Files.readString(path));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        pidFile.delete();
        assertFalse(Files.exists(path));
        pidFile.delete(); // a second call is harmless
    }

    @Test
    void replacesAStaleFile() throws IOException {
        Path path = dir.resolve("ballast.pid");
        Files.writeString(path, "99999999\nrubbish\n");
        PidFile pidFile = PidFile.write(path, 17);
        assertEquals("17\n", Files.readString(path));
        pidFile.delete();
    }

    @Test
    void failsWhenTheDirectoryDoesNotExist() {
        assertThrows(IOException.class, () -> PidFile.write(dir.resolve("missing/ballast.pid"), 1));
    }

    @Test
    void relativePathsAreResolved() throws IOException {
        Path path = dir.resolve("x.pid");
        PidFile pidFile = PidFile.write(path, 5);
        assertTrue(pidFile.path().isAbsolute());
        pidFile.delete();
    }
}
