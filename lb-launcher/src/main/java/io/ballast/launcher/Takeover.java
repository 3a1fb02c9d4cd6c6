package io.ballast.launcher;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.UnixEndpoint;
import io.ballast.proxy.Ballast;
import io.ballast.proxy.InheritedListeners;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * HAProxy's hand-over from an old process to a new one: {@code -x <socket>} takes the old process's listening sockets
 * over through its runtime API before binding, and {@code -sf <pid>...} ({@code -st}) asks the old processes to
 * finish their connections and exit (to exit at once) once this one serves. With {@code -sf}/{@code -st} and no
 * {@code -x}, the first UNIX {@code stats socket} with {@code expose-fd listeners} is used, as HAProxy's master does.
 */
final class Takeover {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final InheritedListeners listeners;
    private final List<Long> softStop;
    private final List<Long> hardStop;
    private final Console console;

    private Takeover(InheritedListeners listeners, List<Long> softStop, List<Long> hardStop, Console console) {
        this.listeners = listeners;
        this.softStop = softStop;
        this.hardStop = hardStop;
        this.console = console;
    }

    /** Fetches the sockets to take over, if the command line asks; a failure is a warning, as in HAProxy. */
    static Takeover of(CommandLine cl, BallastConfig config, Console console) {
        String socket = cl.fdSocket();
        if (socket == null && !(cl.softStopPids().isEmpty() && cl.hardStopPids().isEmpty())) {
            socket = config.global().statsSockets().stream()
                    .filter(s -> s.exposeFdListeners() && s.endpoint() instanceof UnixEndpoint)
                    .map(s -> ((UnixEndpoint) s.endpoint()).path()).findFirst().orElse(null);
        }
        InheritedListeners listeners = InheritedListeners.none();
        if (socket != null) {
            try {
                listeners = InheritedListeners.fetch(Path.of(socket), FETCH_TIMEOUT);
            } catch (IOException e) {
                // HAProxy: "Failed to get the sockets from the old process!", then binds as usual
                console.warning("Failed to get the sockets from the old process! (" + e.getMessage() + ")");
            }
        }
        return new Takeover(listeners, cl.softStopPids(), cl.hardStopPids(), console);
    }

    InheritedListeners listeners() {
        return listeners;
    }

    /** Once this process serves: SIGUSR1 to the {@code -sf} processes, SIGTERM to the {@code -st} ones. */
    void finish(Ballast started) {
        signal(softStop, "USR1");
        signal(hardStop, "TERM");
    }

    private void signal(List<Long> pids, String signal) {
        for (long pid : pids) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (kill.waitFor() != 0) {
                    console.warning("cannot send SIG" + signal + " to old process " + pid + " (gone already?)");
                }
            } catch (IOException e) {
                console.warning("cannot send SIG" + signal + " to old process " + pid + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
