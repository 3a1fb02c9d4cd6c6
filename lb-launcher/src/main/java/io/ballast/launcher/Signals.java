package io.ballast.launcher;

import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;

/**
 * HAProxy's signals: SIGUSR1 asks for a soft stop, SIGTERM and SIGINT for an immediate stop. Replacing the
 * JVM's own TERM/INT handlers is what lets the process exit with status 0 instead of 143/130.
 *
 * <p>Handlers run on a thread the JVM starts for each signal; they must only hand the request over.
 */
final class Signals {

    private Signals() {
    }

    /**
     * Installs the handlers.
     *
     * @return the signals that could not be handled (for instance under {@code -Xrs}), for a warning
     */
    static List<String> install(Runnable softStop, Runnable hardStop) {
        List<String> failed = new ArrayList<>();
        handle("USR1", softStop, failed);
        handle("TERM", hardStop, failed);
        handle("INT", hardStop, failed);
        return failed;
    }

    private static void handle(String name, Runnable action, List<String> failed) {
        try {
            Signal.handle(new Signal(name), signal -> action.run());
        } catch (IllegalArgumentException e) {
            failed.add("SIG" + name);
        }
    }
}
