package io.ballast.launcher;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigCondition;
import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.proxy.Ballast;
import io.ballast.core.config.Diagnostic;
import io.ballast.core.config.FrontendConfig;
import io.ballast.core.config.LoadedConfig;
import io.ballast.core.config.StatsSocketConfig;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Ballast's command line, HAProxy style: check a configuration ({@code -c}), evaluate a condition
 * ({@code -cc}), print the version ({@code -v}, {@code -vv}), run in the foreground or as a daemon, or run
 * the built-in demonstration ({@code --demo}); and Ballast's own {@code explain} command, which shows how a
 * configuration handles one request ({@link ExplainCommand}).
 *
 * <p>{@link #run(List)} returns the exit status instead of exiting, so that it can be called in-process;
 * only {@link Main#main(String[])} calls {@link System#exit(int)}.
 */
public final class Launcher {

    private final Console console;
    private final Map<String, String> env;

    /** A launcher using this process's standard streams and environment. */
    public Launcher() {
        this(Console.system(), System.getenv());
    }

    /**
     * A launcher writing to the given streams and reading the given environment (for {@code -cc}, for
     * {@code "$VAR"} expansion in the configuration and for the daemon marker).
     */
    public Launcher(PrintStream out, PrintStream err, Map<String, String> env) {
        this(new Console(out, err, ProcessHandle.current().pid()), env);
    }

    Launcher(Console console, Map<String, String> env) {
        this.console = Objects.requireNonNull(console, "console");
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /**
     * Does what {@code args} ask.
     *
     * @return the exit status: 0 on success, 1 on error, 2 for {@code -c} on a configuration without listener
     *         and for {@code -cc} on a malformed condition
     */
    public int run(List<String> args) {
        if (!args.isEmpty() && args.get(0).equals(ExplainCommand.NAME)) {
            try {
                return ExplainCommand.parse(args.subList(1, args.size())).run(console, env);
            } catch (CommandLine.UsageException e) {
                return usageError(e);
            }
        }
        CommandLine cl;
        try {
            cl = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            return usageError(e);
        }
        switch (cl.action()) {
            case HELP:
                console.out().print(CommandLine.usage());
                console.out().flush();
                return 0;
            case VERSION:
                console.println(VersionInfo.version());
                return 0;
            case BUILD_INFO:
                VersionInfo.buildInfo().forEach(console::println);
                return 0;
            case CHECK_CONDITION:
                return checkCondition(cl.condition());
            default:
                break;
        }
        if (cl.action() != CommandLine.Action.CHECK) {
            for (String ignored : ignoredNumericOptions(cl)) {
                if (!cl.quiet()) {
                    console.warning(ignored + " is accepted for compatibility but ignored; "
                            + "set it in the configuration instead.");
                }
            }
        }
        if (cl.action() == CommandLine.Action.DEMO) {
            return new Demo(console, env, cl.demoPort()).run();
        }
        if (cl.configPaths().isEmpty()) {
            console.alert("no configuration file given (use -f <file|dir>)");
            console.err().print(CommandLine.usage());
            console.err().flush();
            return 1;
        }
        boolean daemonChild = Daemonizer.isChild(env);
        List<Path> paths = cl.configPaths().stream().map(p -> resolve(cl.changeDir(), p)).toList();
        LoadedConfig loaded = load(console, cl.quiet(),
                () -> withRulesChecked(ConfigLoader.withEnvironment(env).load(paths)));
        if (loaded == null) {
            return 1;
        }
        StatsSocketConfig masterCli;
        try {
            masterCli = cl.masterCli() == null ? null : MasterCli.socket(cl.masterCli());
        } catch (IllegalArgumentException e) {
            console.alert("-S " + cl.masterCli() + ": " + e.getMessage());
            return 1;
        }
        BallastConfig config = MasterCli.added(loaded.config(), masterCli);
        boolean check = cl.action() == CommandLine.Action.CHECK;
        boolean daemon = !check && (cl.daemon() || config.global().daemon()) && !cl.foreground() && !daemonChild;
        boolean hasWarnings = loaded.warnings().stream().anyMatch(Launcher::isWarning);
        boolean zeroWarningFails = (cl.zeroWarning() || config.global().zeroWarning()) && hasWarnings;
        // As HAProxy, a stats socket counts: Debian's default haproxy.cfg has no frontend and starts.
        boolean hasListener = config.frontends().stream().map(FrontendConfig::binds).anyMatch(b -> !b.isEmpty())
                || !config.global().statsSockets().isEmpty();
        // A daemonizing parent that goes on to start its child leaves the diagnostics to the child, which loads
        // the configuration again and prints them through the pipe; a parent that stops here prints them.
        boolean leftToChild = daemon && !zeroWarningFails && hasListener;
        if (!leftToChild) {
            printDiagnostics(console, cl.quiet(), loaded.warnings());
        }
        if (zeroWarningFails) {
            console.configAlert("Some warnings were found and 'zero-warning' is set. Aborting.");
            return 1;
        }
        if (check) {
            if (!hasListener) {
                if (!cl.quiet()) {
                    console.println("Configuration file has no error but will not start (no listener) => exit(2).");
                }
                return 2;
            }
            if (!cl.quiet()) {
                if (hasWarnings) {
                    console.println("Warnings were found.");
                }
                console.println("Configuration file is valid");
            }
            return 0;
        }
        if (!hasListener) {
            console.alert("[ballast.main()] No enabled listener found (check for 'bind' directives) ! Exiting.");
            return 1;
        }
        if (daemon) {
            return Daemonizer.spawnAndWait(args, console);
        }
        String pid = cl.pidFile() != null ? cl.pidFile() : config.global().pidfile();
        Takeover takeover = Takeover.of(cl, config, console);
        // A reload's rules are compiled (and their errors reported) by the reload itself, not here as well.
        return new Runner(config, console, pid == null ? null : Path.of(pid), daemonChild, takeover::finish,
                () -> {
                    LoadedConfig reread = ConfigLoader.withEnvironment(env).load(paths);
                    return new LoadedConfig(MasterCli.added(reread.config(), masterCli), reread.warnings());
                }, cl.quiet())
                .inheriting(takeover.listeners())
                .notifying(cl.systemdNotify() ? SystemdNotifier.fromEnvironment(env, console) : null)
                .run();
    }

    /** Prints what is wrong with the command line, then the usage, on standard error; the exit status. */
    private int usageError(CommandLine.UsageException e) {
        console.alert(e.getMessage());
        console.err().print(CommandLine.usage());
        console.err().flush();
        return 1;
    }

    /** Reads a configuration; {@link ConfigLoader#load} or {@link ConfigLoader#parse}. */
    interface ConfigSource {
        LoadedConfig load() throws ConfigException;
    }

    /**
     * Compiles the ACLs and rules of {@code loaded}, which the proxy engine owns, so that their errors are reported
     * with the others before anything starts.
     */
    static LoadedConfig withRulesChecked(LoadedConfig loaded) throws ConfigException {
        try {
            Ballast.builder(loaded.config()).build();
        } catch (ConfigException e) {
            throw new ConfigException(e.errors(), loaded.warnings());
        }
        return loaded;
    }

    /**
     * Loads a configuration; on errors prints the diagnostics found before them (unless {@code quiet}), the
     * errors and HAProxy's closing alerts.
     *
     * <p>The diagnostics of a configuration that loads are left to the caller.
     *
     * @return the configuration, or {@code null} when it has errors
     */
    static LoadedConfig load(Console console, boolean quiet, ConfigSource source) {
        try {
            return source.load();
        } catch (ConfigException e) {
            printDiagnostics(console, quiet, e.warnings());
            for (Diagnostic error : e.errors()) {
                console.configAlert(error.toString());
            }
            Set<String> files = new LinkedHashSet<>();
            for (Diagnostic error : e.errors()) {
                if (error.location() != null) {
                    files.add(error.location().file());
                }
            }
            for (String file : files) {
                console.configAlert("Error(s) found in configuration file : " + file);
            }
            console.configAlert("Fatal errors found in configuration.");
            return null;
        } catch (RuntimeException e) {
            console.configAlert("Cannot load the configuration: " + e);
            console.configAlert("Fatal errors found in configuration.");
            return null;
        }
    }

    /**
     * Prints warnings and notices, {@code [WARNING]  (pid) : config : ...} and {@code [NOTICE]   (pid) : config :
     * ...}; nothing when {@code quiet}.
     */
    static void printDiagnostics(Console console, boolean quiet, List<Diagnostic> diagnostics) {
        if (quiet) {
            return;
        }
        for (Diagnostic d : diagnostics) {
            switch (d.severity()) {
                case ERROR -> console.configAlert(d.toString());
                case NOTICE -> console.configNotice(d.toString());
                default -> console.configWarning(d.toString());
            }
        }
    }

    /** Whether a diagnostic counts as a warning ("Warnings were found.", zero-warning); notices do not. */
    static boolean isWarning(Diagnostic d) {
        return d.severity() != Diagnostic.Severity.NOTICE;
    }

    private static Path resolve(String dir, String path) {
        Path p = Path.of(path);
        return dir == null || p.isAbsolute() ? p : Path.of(dir).resolve(p);
    }

    private int checkCondition(String condition) {
        try {
            return ConfigCondition.evaluate(condition, env) ? 0 : 1;
        } catch (IllegalArgumentException e) {
            console.configAlert("Failed to evaluate condition: " + e.getMessage());
            return 2;
        }
    }

    private static List<String> ignoredNumericOptions(CommandLine cl) {
        List<String> ignored = new java.util.ArrayList<>();
        if (cl.maxconn() != null) {
            ignored.add("-n");
        }
        if (cl.defaultMaxconn() != null) {
            ignored.add("-N");
        }
        if (cl.memoryLimit() != null) {
            ignored.add("-m");
        }
        return ignored;
    }
}
