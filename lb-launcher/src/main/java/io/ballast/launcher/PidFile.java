package io.ballast.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pid file ({@code -p} or the global {@code pidfile}): one line with the process id, written once the
 * listeners are bound and removed when the process stops. It is written to a temporary file first and moved
 * into place, so that a reader never sees it half written. That needs a writable directory; when the directory
 * is not writable (only the file is, as HAProxy requires), the file is written in place instead.
 */
final class PidFile {

    /** Creates the temporary file next to the pid file; {@link Files#createTempFile} outside tests. */
    interface TempFiles {
        Path create(Path dir, String prefix) throws IOException;
    }

    private final Path path;
    private final AtomicBoolean deleted = new AtomicBoolean();
    private final Thread shutdownHook;

    private PidFile(Path path) {
        this.path = path;
        // Safety net for exits that bypass the runner (System.exit elsewhere, a signal it could not handle).
        this.shutdownHook = new Thread(this::deleteQuietly, "ballast-pidfile-cleanup");
    }

    /**
     * Writes {@code pid} to {@code path}, replacing what was there.
     *
     * @throws IOException when the file cannot be written
     */
    static PidFile write(Path path, long pid) throws IOException {
        return write(path, pid, (dir, prefix) -> Files.createTempFile(dir, prefix, ".tmp"));
    }

    static PidFile write(Path path, long pid, TempFiles tempFiles) throws IOException {
        Path absolute = path.toAbsolutePath();
        String content = pid + "\n";
        try {
            replaceAtomically(absolute, content, tempFiles);
        } catch (IOException atomicFailure) {
            // Typically a directory the process may not create files in; the file itself may still be writable.
            try {
                Files.writeString(absolute, content, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            } catch (IOException inPlaceFailure) {
                inPlaceFailure.addSuppressed(atomicFailure);
                throw inPlaceFailure;
            }
        }
        PidFile file = new PidFile(absolute);
        try {
            Runtime.getRuntime().addShutdownHook(file.shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: nothing to register
        }
        return file;
    }

    private static void replaceAtomically(Path absolute, String content, TempFiles tempFiles) throws IOException {
        Path tmp = tempFiles.create(absolute.getParent(), "." + absolute.getFileName() + ".");
        try {
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
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
