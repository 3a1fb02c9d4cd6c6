package io.ballast.it;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Last line of defence: processes the tests started are killed (with their children), and their
 * temporary directories removed, when the test JVM exits, even if it is stopped before the tests'
 * own cleanup runs.
 */
final class Reaper {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final Set<Path> DIRS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Reaper::reap, "ballast-it-reaper"));
    }

    private Reaper() {
    }

    static Process track(Process p) {
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return p;
    }

    static Path trackDir(Path dir) {
        DIRS.add(dir);
        return dir;
    }

    static void untrackDir(Path dir) {
        DIRS.remove(dir);
    }

    private static void reap() {
        for (Process p : LIVE) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : LIVE) {
            try {
                p.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
        for (Path d : DIRS) {
            try {
                ApacheServer.deleteTree(d);
            } catch (RuntimeException ignored) {
                // best effort at exit
            }
        }
    }
}
