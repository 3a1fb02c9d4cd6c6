package io.ballast.launcher;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.LoadedConfig;
import io.ballast.core.log.EventLog;
import io.ballast.proxy.Ballast;
import io.ballast.proxy.InheritedListeners;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 *   <li>SIGHUP, SIGUSR2: reload in place, as HAProxy's master process does in master-worker mode: the files are
 *       read again and checked; a configuration with errors changes nothing (the errors are printed with their file
 *       and line), a good one is served from then on and what changed is logged.</li>
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

    /** Installs the handlers for soft stop, hard stop and reload; says which signals could not be handled. */
    interface SignalInstaller {
        Signals.Outcome install(Runnable softStop, Runnable hardStop, Runnable reload);
    }

    /** Reads the configuration files again, for a reload; {@code null} when there are none to read. */
    private final Launcher.ConfigSource reloadSource;
    private final boolean quiet;
    /** Runs reloads one after the other, off the signal threads. */
    private final ExecutorService reloads = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ballast-reload");
        t.setDaemon(true);
        return t;
    });

    private final SignalInstaller signals;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile Ballast ballast;
    private InheritedListeners inherited = InheritedListeners.none();
    /** Tells systemd about start, reloads and stop ({@code -Ws}); {@code null} when not asked or not under systemd. */
    private SystemdNotifier notifier;
    /** Opens once the listeners are bound: reloads wait for it, a soft stop before it is a stop. */
    private final java.util.concurrent.CountDownLatch startup = new java.util.concurrent.CountDownLatch(1);

    /**
     * @param reloadSource reads the configuration files again for a reload (SIGHUP, SIGUSR2, the runtime API's
     *                     {@code reload}), or {@code null} when there is nothing to read again
     * @param quiet        whether reloads print the configuration's warnings ({@code -q})
     */
    Runner(BallastConfig config, Console console, Path pidFile, boolean daemonChild, AfterStart afterStart,
           Launcher.ConfigSource reloadSource, boolean quiet) {
        this(config, console, pidFile, daemonChild, afterStart, reloadSource, quiet, Signals::install);
    }

    Runner(BallastConfig config, Console console, Path pidFile, boolean daemonChild, AfterStart afterStart,
           Launcher.ConfigSource reloadSource, boolean quiet, SignalInstaller signals) {
        this.signals = signals;
        this.reloadSource = reloadSource;
        this.quiet = quiet;
        this.config = config;
        this.console = console;
        this.pidFile = pidFile;
        this.daemonChild = daemonChild;
        this.afterStart = afterStart;
    }

    /** Listens on {@code sockets} taken over from an old process ({@code -x}); see {@link InheritedListeners}. */
    Runner inheriting(InheritedListeners sockets) {
        inherited = sockets;
        return this;
    }

    /** Tells systemd through {@code notifier} ({@code -Ws}); {@code null} for no notification. */
    Runner notifying(SystemdNotifier systemd) {
        notifier = systemd;
        return this;
    }

    /** Serves until stopped; returns the exit status. */
    int run() {
        Ballast instance;
        try {
            Ballast.Builder builder = Ballast.builder(config).eventLog(this::logEvent).inheritListeners(inherited)
                    .reloadListener(new ReloadAnnouncer());
            if (reloadSource != null) {
                builder.configSource(this::readForReload);
            }
            instance = builder.build();
        } catch (ConfigException e) {
            e.errors().forEach(error -> console.configAlert(error.toString()));
            console.configAlert("Fatal errors found in configuration.");
            return 1;
        }
        ballast = instance;
        signals.install(this::softStop, this::hardStop, this::reload).warnings().forEach(console::warning);
        try {
            instance.start();
        } catch (IOException | RuntimeException e) {
            console.alert(bindFailure(e));
            console.alert("[ballast.main()] Some protocols failed to start their listeners! Exiting.");
            closeQuietly(instance);
            return 1;
        }
        startup.countDown();
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
            if (notifier != null) {
                notifier.ready();
            }
            return awaitExit();
        } catch (Exception e) {
            console.alert("[ballast.main()] " + describe(e));
            return 1;
        } finally {
            reloads.shutdownNow();
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

    /** The engine's events (server states, reloads) on the console, as HAProxy's process prints them. */
    private void logEvent(EventLog.Level level, String message) {
        switch (level) {
            case ALERT -> console.alert(message);
            case WARNING -> console.warning(message);
            case NOTICE -> console.notice(message);
        }
    }

    /** SIGUSR1. */
    void softStop() {
        Ballast instance = ballast;
        if (instance == null || !stopping.compareAndSet(false, true)) {
            return;
        }
        if (notifier != null) {
            notifier.stopping();
        }
        if (startup.getCount() > 0) {
            // The listeners accept before the start has finished (health checks, the runtime API come after them):
            // drain once it has, so that a connection they took is not dropped. A start that fails exits anyway.
            CompletableFuture.runAsync(() -> {
                try {
                    startup.await();
                } catch (InterruptedException e) {
                    return;
                }
                drain(instance);
            });
            return;
        }
        drain(instance);
    }

    /** Closes the listeners, lets the connections finish, then exits (or at {@code hard-stop-after}). */
    private void drain(Ballast instance) {
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
        if (notifier != null) {
            notifier.stopping();
        }
        exit.complete(0);
    }

    /**
     * SIGHUP, SIGUSR2: reloads on the reload thread, once the listeners are bound (a signal that arrives while they
     * are being bound waits); a signal during a reload reloads once more after it.
     */
    void reload() {
        if (stopping.get() || reloadSource == null) {
            return;
        }
        try {
            reloads.execute(this::reloadNow);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    private void reloadNow() {
        try {
            startup.await();
        } catch (InterruptedException e) {
            return; // the process stops without having started
        }
        Ballast instance = ballast;
        if (instance == null || stopping.get()) {
            return;
        }
        try {
            instance.reload(); // ReloadAnnouncer and the engine log how it went
        } catch (ConfigException e) {
            // readForReload printed the errors of reading the files; the rules' own come from compiling them
            e.errors().forEach(error -> console.configAlert(error.toString()));
        } catch (IOException | RuntimeException e) {
            console.alert(describe(e));
        }
    }

    /**
     * Says when a reload starts and how it ended, whatever asked for it (a signal, the runtime API's {@code reload}):
     * HAProxy's master log lines ("Reloading HAProxy", then "Loading success." or "Loading failure!"), and systemd
     * ({@code -Ws}).
     */
    private final class ReloadAnnouncer implements Ballast.ReloadListener {

        @Override
        public void reloadStarting() {
            console.notice("Reloading the configuration.");
            if (notifier != null) {
                notifier.reloading();
            }
        }

        @Override
        public void reloadFinished(boolean done) {
            if (done) {
                console.notice("Loading success.");
            } else {
                console.alert("Loading failure! Still serving the previous configuration.");
            }
            if (notifier != null) {
                notifier.ready();
            }
        }
    }

    /** The configuration files read again, their warnings printed; on errors, prints them and throws. */
    private BallastConfig readForReload() throws ConfigException {
        LoadedConfig loaded = Launcher.load(console, quiet, reloadSource);
        if (loaded == null) {
            throw new ConfigException(List.of(), List.of());
        }
        Launcher.printDiagnostics(console, quiet, loaded.warnings());
        return loaded.config();
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
