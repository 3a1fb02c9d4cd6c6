package io.ballast.launcher;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * HAProxy's signals: SIGUSR1 asks for a soft stop, SIGTERM and SIGINT for an immediate stop, SIGHUP and SIGUSR2 for
 * a reload (what HAProxy's master process does with them in master-worker mode; a standalone HAProxy dumps its
 * servers' states on SIGHUP instead, which Ballast's {@code show servers state} covers). Replacing the JVM's own
 * TERM/INT/HUP handlers is what lets the process exit with status 0 instead of 143/130, and survive a SIGHUP instead
 * of exiting with 129.
 *
 * <p>SIGTTOU and SIGTTIN (pause and resume the listeners, for a new process to take over) are not handled:
 * the engine cannot pause its listeners.
 *
 * <p>SIGUSR2 is also the signal HotSpot suspends threads with on Linux (Flight Recorder's method sampling sends it
 * to the JVM's own threads many times a second): handled as a reload, each sample would reload the configuration.
 * So SIGUSR2 reloads only when {@value #SUSPEND_SIGNAL_VARIABLE} moves the JVM's signal elsewhere, as
 * {@code bin/ballast} and the package's launcher do; otherwise it is left to the JVM, with a warning.
 *
 * <p>Handlers run on a thread the JVM starts for each signal; they must only hand the request over.
 */
final class Signals {

    private Signals() {
    }

    /** The environment variable that moves HotSpot's thread-suspend signal away from SIGUSR2. */
    static final String SUSPEND_SIGNAL_VARIABLE = "_JAVA_SR_SIGNUM";
    /** SIGUSR2's number on Linux. */
    private static final int SIGUSR2 = 12;

    /**
     * What {@link #install} could not do, for warnings.
     *
     * @param usr2LeftToTheJvm whether SIGUSR2 is the JVM's thread-suspend signal, so it does not reload
     */
    record Outcome(List<String> refused, List<String> ignoredAtStart, boolean usr2LeftToTheJvm) {

        /** Everything was installed. */
        static final Outcome ALL_HANDLED = new Outcome(List.of(), List.of(), false);

        Outcome {
            refused = List.copyOf(refused);
            ignoredAtStart = List.copyOf(ignoredAtStart);
        }

        /** The warnings to print, one per problem; empty when every signal is handled. */
        List<String> warnings() {
            List<String> warnings = new ArrayList<>();
            if (!refused.isEmpty()) {
                warnings.add("cannot handle " + String.join(", ", refused)
                        + " (is the JVM running with -Xrs?); the JVM's default behaviour applies.");
            }
            if (!ignoredAtStart.isEmpty()) {
                warnings.add("cannot handle " + String.join(", ", ignoredAtStart)
                        + ": ignored when the process was started (for instance with '&' from a script, or under "
                        + "nohup), and the JVM leaves ignored signals ignored.");
            }
            if (usr2LeftToTheJvm) {
                warnings.add("SIGUSR2 does not reload: the JVM suspends threads with it (Flight Recorder's sampling "
                        + "would reload the configuration each time); start with " + SUSPEND_SIGNAL_VARIABLE
                        + "=62 in the environment, as bin/ballast does, to reload on SIGUSR2. SIGHUP reloads.");
            }
            return warnings;
        }
    }

    /**
     * Installs the handlers.
     *
     * @return the signals that could not be handled: refused by the JVM (for instance under {@code -Xrs}), or
     *         ignored when the process started (the JVM then keeps them ignored)
     */
    static Outcome install(Runnable softStop, Runnable hardStop, Runnable reload) {
        return install(softStop, hardStop, reload, System.getenv(SUSPEND_SIGNAL_VARIABLE));
    }

    /** As {@link #install(Runnable, Runnable, Runnable)}, given the value of {@value #SUSPEND_SIGNAL_VARIABLE}. */
    static Outcome install(Runnable softStop, Runnable hardStop, Runnable reload, String suspendSignal) {
        List<String> refused = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        handle("USR1", softStop, refused, ignored);
        handle("TERM", hardStop, refused, ignored);
        handle("INT", hardStop, refused, ignored);
        handle("HUP", reload, refused, ignored);
        boolean usr2Free = suspendSignalMoved(suspendSignal);
        if (usr2Free) {
            handle("USR2", reload, refused, ignored);
        }
        return new Outcome(refused, ignored, !usr2Free);
    }

    /** Whether HotSpot takes another signal than SIGUSR2 to suspend threads (it accepts 12 < n < 65, as here). */
    static boolean suspendSignalMoved(String suspendSignal) {
        if (suspendSignal == null) {
            return false;
        }
        try {
            int signal = Integer.parseInt(suspendSignal.trim());
            return signal > 11 && signal < 65 && signal != SIGUSR2;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void handle(String name, Runnable action, List<String> refused, List<String> ignored) {
        SignalHandler previous;
        try {
            previous = Signal.handle(new Signal(name), signal -> action.run());
        } catch (IllegalArgumentException e) {
            refused.add("SIG" + name);
            return;
        }
        // HotSpot does not install a handler for HUP, INT or TERM when the process inherited them ignored
        // (JVM_RegisterSignal answers SIG_IGN without installing). For other signals SIG_IGN only says what was
        // there before, and the handler is in place.
        if (previous == SignalHandler.SIG_IGN && ignoredSignalsStayIgnored(name)) {
            ignored.add("SIG" + name);
        }
    }

    /** The signals the JVM keeps ignored when they were ignored at start (its "shutdown" signals). */
    static boolean ignoredSignalsStayIgnored(String name) {
        return name.equals("HUP") || name.equals("INT") || name.equals("TERM");
    }
}
