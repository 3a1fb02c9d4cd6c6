package io.ballast.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pid file ({@code -p} or the global {@code pidfile}): one line with the process id, written once the
 * listeners are bound and removed when the process stops. It is written to a temporary file first and moved
 * into place, so that a reader never sees it half written.
 */
final class PidFile {

    private final Path path;
    private final AtomicBoolean deleted = new AtomicBoolean();
    private final Thread shutdownHook;

    private PidFile(Path path) {
        this.path = path;
        // Safety net for exits the launcher does not control (SIGHUP, SIGQUIT...).
        this.shutdownHook = new Thread(this::deleteQuietly, "ballast-pidfile-cleanup");
    }

    /**
     * Writes {@code pid} to {@code path}, replacing what was there.
     *
     * @throws IOException when the file cannot be written
     */
    static PidFile write(Path path, long pid) throws IOException {
        Path absolute = path.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        PidFile file = new PidFile(absolute);
        try {
            Runtime.getRuntime().addShutdownHook(file.shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: nothing to register
        }
        return file;
    }

    Path path() {
        return path;
    }

    /** Removes the file (once; later calls do nothing). */
    void delete() {
        deleteQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // called from a shutdown hook
        }
    }

    private void deleteQuietly() {
        if (deleted.compareAndSet(false, true)) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // nothing useful to do while stopping
            }
        }
    }
}
