package io.ballast.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * HAProxy's command line, parsed: {@code -f <file|dir>} (repeatable), {@code --} followed by more
 * configuration files, {@code -c}, {@code -cc <condition>}, {@code -q}, {@code -V}, {@code -d} and every
 * {@code -d*} form, {@code -D}, {@code -p <pidfile>}, {@code -L <name>}, {@code -C <dir>},
 * {@code -n/-N/-m <number>}, {@code -v}, {@code -vv}, {@code -W}, {@code -Ws}, {@code -S <bind>},
 * {@code -x <socket>}, {@code -sf/-st <pid>*}, plus Ballast's own {@code --demo}, {@code --demo-port <port>}
 * and {@code -h}/{@code --help}.
 *
 * <p>Parsing only records what was asked; deciding what is supported is the {@link Launcher}'s job.
 */
final class CommandLine {

    /** What the process was asked to do, in order of precedence. */
    enum Action {
        /** {@code -h} / {@code --help}: usage on standard output. */
        HELP,
        /** {@code -v}: the version line. */
        VERSION,
        /** {@code -vv}: the version and the features built in. */
        BUILD_INFO,
        /** {@code -cc <condition>}: evaluate a condition and exit. */
        CHECK_CONDITION,
        /** {@code -c}: check the configuration and exit. */
        CHECK,
        /** {@code --demo}: run the built-in demonstration. */
        DEMO,
        /** Load the configuration and serve. */
        RUN
    }

    /** A command line that cannot be understood; the launcher prints the usage and exits with status 1. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private final List<String> configPaths = new ArrayList<>();
    private final List<Long> softStopPids = new ArrayList<>();
    private final List<Long> hardStopPids = new ArrayList<>();
    private boolean help;
    private int versionLevel;
    private String condition;
    private boolean check;
    private boolean demo;
    private int demoPort;
    private boolean quiet;
    private boolean verbose;
    private boolean daemon;
    private boolean foreground;
    private boolean zeroWarning;
    private String pidFile;
    private String changeDir;
    private Integer maxconn;
    private Integer defaultMaxconn;
    private Integer memoryLimit;
    private boolean masterWorker;
    private boolean systemdNotify;
    private String masterCli;
    private String fdSocket;

    private CommandLine() {
    }

    /**
     * Parses {@code args}.
     *
     * @throws UsageException on an unknown option, a missing or malformed option argument, or a stray argument
     */
    static CommandLine parse(List<String> args) throws UsageException {
        CommandLine c = new CommandLine();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i++);
            if (a.equals("--")) {
                while (i < args.size()) {
                    c.configPaths.add(args.get(i++));
                }
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                throw new UsageException("unexpected argument '" + a + "' (configuration files go after -f or --)");
            }
            switch (a) {
                case "-h", "--help" -> c.help = true;
                case "-v" -> c.versionLevel = Math.max(c.versionLevel, 1);
                case "-vv" -> c.versionLevel = 2;
                case "-c" -> c.check = true;
                case "-cc" -> c.condition = value(args, i++, a);
                case "-q" -> c.quiet = true;
                case "-V" -> c.verbose = true;
                case "-D" -> c.daemon = true;
                case "-f" -> c.configPaths.add(value(args, i++, a));
                case "-p" -> c.pidFile = value(args, i++, a);
                case "-L" -> value(args, i++, a); // accepted for compatibility; Ballast has no peers
                case "-C" -> c.changeDir = value(args, i++, a);
                case "-n" -> c.maxconn = number(value(args, i++, a), a);
                case "-N" -> c.defaultMaxconn = number(value(args, i++, a), a);
                case "-m" -> c.memoryLimit = number(value(args, i++, a), a);
                case "-W" -> c.masterWorker = true;
                case "-Ws" -> {
                    c.masterWorker = true;
                    c.systemdNotify = true;
                }
                case "-S" -> c.masterCli = value(args, i++, a);
                case "-x" -> c.fdSocket = value(args, i++, a);
                case "-sf", "-st" -> {
                    List<Long> pids = a.equals("-sf") ? c.softStopPids : c.hardStopPids;
                    int before = pids.size();
                    while (i < args.size() && isPid(args.get(i))) {
                        pids.add(Long.parseLong(args.get(i++)));
                    }
                    if (pids.size() == before) {
                        // HAProxy accepts an empty list (nothing to stop); remember that the option was given.
                        pids.add(-1L);
                    }
                }
                case "--demo" -> c.demo = true;
                case "--demo-port" -> {
                    int port = number(value(args, i++, a), a);
                    if (port < 1 || port > 65535) {
                        throw new UsageException("--demo-port: " + port + " is not a TCP port (1-65535)");
                    }
                    c.demoPort = port;
                    c.demo = true;
                }
                default -> {
                    if (a.startsWith("-d")) {
                        // -d, -db and every debug form (-dM[...], -de, -dp, -dS, -dG, -dR, -dL, -dK..., -dr, -dV,
                        // -dW, -dD...) are accepted; only -d, -db and -dW change what Ballast does.
                        if (a.equals("-d") || a.equals("-db")) {
                            c.foreground = true;
                        } else if (a.equals("-dW")) {
                            c.zeroWarning = true;
                        }
                    } else {
                        throw new UsageException("unknown option '" + a + "'");
                    }
                }
            }
        }
        return c;
    }

    private static String value(List<String> args, int index, String option) throws UsageException {
        if (index >= args.size()) {
            throw new UsageException("option '" + option + "' needs an argument");
        }
        return args.get(index);
    }

    private static int number(String value, String option) throws UsageException {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("option '" + option + "' needs a number, not '" + value + "'");
        }
    }

    private static boolean isPid(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (!Character.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** What to do, the most specific request winning ({@code -v} over {@code -c} over running). */
    Action action() {
        if (help) {
            return Action.HELP;
        }
        if (versionLevel == 1) {
            return Action.VERSION;
        }
        if (versionLevel == 2) {
            return Action.BUILD_INFO;
        }
        if (condition != null) {
            return Action.CHECK_CONDITION;
        }
        if (check) {
            return Action.CHECK;
        }
        if (demo) {
            return Action.DEMO;
        }
        return Action.RUN;
    }

    /** The {@code -f} arguments and the files after {@code --}, in order. */
    List<String> configPaths() {
        return List.copyOf(configPaths);
    }

    /** {@code -cc}'s argument, or {@code null}. */
    String condition() {
        return condition;
    }

    /** {@code -q}. */
    boolean quiet() {
        return quiet && !verbose;
    }

    /** {@code -V}. */
    boolean verbose() {
        return verbose;
    }

    /** {@code -D}. */
    boolean daemon() {
        return daemon;
    }

    /** {@code -d} or {@code -db}: stay in the foreground even when {@code daemon} or {@code -D} is set. */
    boolean foreground() {
        return foreground;
    }

    /** {@code -dW}: warnings are fatal. */
    boolean zeroWarning() {
        return zeroWarning;
    }

    /** {@code -p}'s argument, or {@code null}. */
    String pidFile() {
        return pidFile;
    }

    /** {@code -C}'s argument, or {@code null}. */
    String changeDir() {
        return changeDir;
    }

    /** {@code -n}, or {@code null}. */
    Integer maxconn() {
        return maxconn;
    }

    /** {@code -N}, or {@code null}. */
    Integer defaultMaxconn() {
        return defaultMaxconn;
    }

    /** {@code -m}, or {@code null}. */
    Integer memoryLimit() {
        return memoryLimit;
    }

    /** {@code -W} or {@code -Ws}. */
    boolean masterWorker() {
        return masterWorker;
    }

    /** {@code -Ws}: tell systemd when the service is ready, reloading or stopping ({@code sd_notify}). */
    boolean systemdNotify() {
        return systemdNotify;
    }

    /** {@code -S}'s argument, or {@code null}. */
    String masterCli() {
        return masterCli;
    }

    /** {@code -x}'s argument, or {@code null}. */
    String fdSocket() {
        return fdSocket;
    }

    /** The pids after {@code -sf} ({@code -1} when the option was given without pids). */
    List<Long> softStopPids() {
        return List.copyOf(softStopPids);
    }

    /** The pids after {@code -st} ({@code -1} when the option was given without pids). */
    List<Long> hardStopPids() {
        return List.copyOf(hardStopPids);
    }

    /** {@code --demo-port}, or 0 for the default. */
    int demoPort() {
        return demoPort;
    }

    /** The usage text, HAProxy style. */
    static String usage() {
        return String.join(System.lineSeparator(),
                "Usage : ballast [-f <cfgfile|cfgdir>]* [ -vdVD ] [ -p <pidfile> ] [ -C <dir> ] [-- <cfgfile>*]",
                "        -v displays version ; -vv shows build features.",
                "        -d enters debug mode (foreground) ; -db only disables background mode.",
                "        -dW fails if any warning is emitted ; other -d<x> debug options are accepted and ignored.",
                "        -V enters verbose mode (disables quiet mode)",
                "        -D goes daemon ; -C changes to <dir> before loading files.",
                "        -q quiet mode : don't display messages",
                "        -c check mode : only check config files and exit",
                "        -cc check condition : evaluate a condition and exit",
                "        -n/-N/-m <number> accepted for compatibility, ignored (use the configuration)",
                "        -L set local peer name (accepted, unused)",
                "        -p writes the pid of the running process to this file",
                "        -sf/-st [pid ]* finishes/terminates old pids once this process serves",
                "        -x <unix_socket> takes the listening sockets over from an old process",
                "        -W master-worker mode (one process that reloads in place), -Ws with systemd notify",
                "        -S <bind>[,<bind options>...] new master CLI (an admin runtime API socket)",
                "        --demo [--demo-port <port>] runs a self-contained demonstration",
                "",
                "       ballast explain -f <cfgfile|cfgdir>* [--frontend <name>] '<METHOD> <target> [HTTP/1.x]'",
                "                       [-H 'Name: value']* [--src <ip[:port]>] [-q]",
                "        prints how the configuration handles that request: each rule and ACL evaluated with",
                "        its result, the backend chosen and why, the server picked. Nothing is bound or started;",
                "        the default frontend is the first one in mode http.",
                "");
    }
}
