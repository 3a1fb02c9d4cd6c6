package io.ballast.launcher;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.log.EventLog;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.proxy.Ballast;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one {@link Ballast} until a signal stops it: builds it, installs the signal handlers, binds the
 * listeners, writes the pid file, tells a daemonizing parent it is ready, then waits.
 *
 * <ul>
 *   <li>SIGUSR1: soft stop; the process exits 0 once the last connection is gone, or when the global
 *       {@code hard-stop-after} expires, whichever comes first.</li>
 *   <li>SIGTERM, SIGINT: immediate stop, exit status 0.</li>
 *   <li>SIGHUP: a NOTICE per server and per backend with its state, as HAProxy dumps them to its logs; the
 *       process keeps running.</li>
 * </ul>
 * The pid file is removed on the way out.
 */
final class Runner {

    /** Called once the listeners are bound, before waiting; may print, must not block for long. */
    interface AfterStart {
        void started(Ballast ballast) throws Exception;
    }

    private final BallastConfig config;
    private final Console console;
    private final Path pidFile;
    private final boolean daemonChild;
    private final AfterStart afterStart;

    /** Installs the handlers for soft stop, hard stop and state dump; says which signals could not be handled. */
    interface SignalInstaller {
        Signals.Outcome install(Runnable softStop, Runnable hardStop, Runnable dumpState);
    }

    private final SignalInstaller signals;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Ballast ballast;
    private volatile boolean started;

    Runner(BallastConfig config, Console console, Path pidFile, boolean daemonChild, AfterStart afterStart) {
        this(config, console, pidFile, daemonChild, afterStart, Signals::install);
    }

    Runner(BallastConfig config, Console console, Path pidFile, boolean daemonChild, AfterStart afterStart,
           SignalInstaller signals) {
        this.signals = signals;
        this.config = config;
        this.console = console;
        this.pidFile = pidFile;
        this.daemonChild = daemonChild;
        this.afterStart = afterStart;
    }

    /** Serves until stopped; returns the exit status. */
    int run() {
        Ballast instance;
        try {
            instance = Ballast.builder(config).eventLog(EventLog.stderr()).build();
        } catch (ConfigException e) {
            e.errors().forEach(error -> console.configAlert(error.toString()));
            console.configAlert("Fatal errors found in configuration.");
            return 1;
        }
        ballast = instance;
        signals.install(this::softStop, this::hardStop, this::dumpState).warnings().forEach(console::warning);
        try {
            instance.start();
        } catch (IOException | RuntimeException e) {
            console.alert(bindFailure(e));
            console.alert("[ballast.main()] Some protocols failed to start their listeners! Exiting.");
            closeQuietly(instance);
            return 1;
        }
        started = true;
        PidFile pid = null;
        if (pidFile != null) {
            try {
                pid = PidFile.write(pidFile, ProcessHandle.current().pid());
            } catch (IOException | RuntimeException e) {
                console.alert("[ballast.main()] Cannot create pidfile " + pidFile + " (" + describe(e) + ")");
                closeQuietly(instance);
                return 1;
            }
        }
        try {
            if (afterStart != null && !exit.isDone()) {
                afterStart.started(instance);
            }
            if (daemonChild) {
                Daemonizer.reportReady();
            }
            return awaitExit();
        } catch (Exception e) {
            console.alert("[ballast.main()] " + describe(e));
            return 1;
        } finally {
            closeQuietly(instance);
            if (pid != null) {
                pid.delete();
            }
        }
    }

    /** Waits for a stop request; keeps waiting through interrupts, since only a signal ends the process. */
    private int awaitExit() {
        while (true) {
            try {
                return exit.get();
            } catch (InterruptedException e) {
                // not a stop request
            } catch (java.util.concurrent.ExecutionException e) {
                return 1;
            }
        }
    }

    /** SIGUSR1. */
    void softStop() {
        Ballast instance = ballast;
        if (instance == null || !stopping.compareAndSet(false, true)) {
            return;
        }
        if (!started) {
            // Nothing accepted yet, so nothing to drain: a soft stop during start-up is a stop.
            exit.complete(0);
            return;
        }
        long hardStopAfter = config.global().hardStopAfter();
        if (hardStopAfter > 0) {
            CompletableFuture.delayedExecutor(hardStopAfter, TimeUnit.MILLISECONDS).execute(() -> {
                if (!exit.isDone()) {
                    console.warning("soft stop: hard-stop-after (" + hardStopAfter
                            + " ms) expired, closing the remaining connections.");
                    exit.complete(0);
                }
            });
        }
        CompletableFuture<Void> drained;
        try {
            drained = instance.softStop();
        } catch (RuntimeException e) {
            console.alert("[ballast.main()] soft stop failed (" + describe(e) + "); stopping now.");
            exit.complete(1);
            return;
        }
        drained.whenComplete((ignored, failure) -> exit.complete(failure == null ? 0 : 1));
    }

    /** SIGTERM, SIGINT. */
    void hardStop() {
        exit.complete(0);
    }

    /** SIGHUP: logs the state of every server and backend, HAProxy's way; does not stop anything. */
    void dumpState() {
        Ballast instance = ballast;
        if (instance == null || !started) {
            return;
        }
        List<Backend> backends;
        try {
            backends = instance.backends();
        } catch (RuntimeException e) {
            return; // stopped meanwhile
        }
        stateDump(backends).forEach(console::notice);
    }

    /**
     * The lines of a SIGHUP dump: {@code SIGHUP: Server be/s1 is UP. Weight: 1. Conn: 0 in flight.} for each
     * server, then {@code SIGHUP: Backend be has 1 active servers and 0 backup servers available.} (or
     * {@code has no server available !}, or {@code has no servers.}).
     */
    static List<String> stateDump(List<Backend> backends) {
        List<String> lines = new ArrayList<>();
        for (Backend backend : backends) {
            int inFlight = 0;
            for (Server server : backend.servers()) {
                inFlight += server.inFlight();
                lines.add("SIGHUP: Server " + backend.name() + "/" + server.name() + " is " + server.state()
                        + (server.isBackup() ? " (backup)" : "") + ". Weight: " + server.weight()
                        + ". Conn: " + server.inFlight() + " in flight.");
            }
            String summary;
            if (backend.servers().isEmpty()) {
                summary = "has no servers.";
            } else if (backend.usableActiveServers() + backend.usableBackupServers() == 0) {
                summary = "has no server available !";
            } else {
                summary = "has " + backend.usableActiveServers() + " active servers and "
                        + backend.usableBackupServers() + " backup servers available.";
            }
            lines.add("SIGHUP: Backend " + backend.name() + " " + summary + " Conn: " + inFlight + " in flight.");
        }
        return lines;
    }

    private static void closeQuietly(Ballast instance) {
        try {
            instance.close();
        } catch (RuntimeException e) {
            // stopping anyway
        }
    }

    /** HAProxy: {@code Binding [cfg:7] for frontend fe: cannot bind socket (Address already in use) for [...]}. */
    private static String bindFailure(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "Starting proxies: cannot bind socket (" + e.getClass().getSimpleName() + ")";
        }
        return message;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
