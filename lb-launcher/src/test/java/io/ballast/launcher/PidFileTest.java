package io.ballast.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
    void fallsBackToWritingInPlaceWhenNoTemporaryFileCanBeCreated() throws IOException {
        Path path = dir.resolve("ballast.pid");
        Files.writeString(path, "99999999\nrubbish\n");
        PidFile pidFile = PidFile.write(path, 31, (d, prefix) -> {
            throw new AccessDeniedException(d.toString());
        });
        assertEquals("31\n", Files.readString(path));
        pidFile.delete();
        assertFalse(Files.exists(path));
    }

    @Test
    void inPlaceFailureIsReportedWithTheFirstFailure() {
        IOException e = assertThrows(IOException.class, () -> PidFile.write(dir.resolve("missing/ballast.pid"), 1,
                (d, prefix) -> {
                    throw new AccessDeniedException(d.toString());
                }));
        assertEquals(1, e.getSuppressed().length);
    }

    @Test
    void writableFileInAReadOnlyDirectory() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Path path = ro.resolve("ballast.pid");
        Files.writeString(path, "");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores directory permissions; the injected failure above covers that case
            assumeFalse(Files.isWritable(ro), "running as root");
            PidFile pidFile = PidFile.write(path, 8);
            assertEquals("8\n", Files.readString(path));
            pidFile.delete(); // cannot remove it from a read-only directory; must not throw
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
