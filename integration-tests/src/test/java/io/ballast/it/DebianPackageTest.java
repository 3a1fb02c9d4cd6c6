package io.ballast.it;

import io.ballast.it.BallastProcess.Result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Debian package that lb-launcher builds ({@code target/ballast_<version>_all.deb}), installed on this machine
 * with apt-get and run through {@code service} as an administrator would: start, status, a checked reload that
 * fails on a broken configuration and one that applies a changed configuration in place, stop, then purge.
 *
 * <p>It changes the real system (a package, files in /etc, a system user), so it runs only as root on a Debian
 * machine where no ballast package is installed, and purges the package afterwards. Without systemd running (a
 * container, CI), {@code service} uses the package's init script; the systemd unit is checked with
 * {@code systemd-analyze verify} when that is installed.
 */
@ExtendWith(TestNames.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DebianPackageTest {
    private static final String PACKAGE = "ballast";
    private static final String USER = "ballast";
    private static final Path CONFIG = Path.of("/etc/ballast/haproxy.cfg");
    private static final Path DEFAULTS = Path.of("/etc/default/ballast");
    private static final Path PIDFILE = Path.of("/run/ballast/ballast.pid");
    private static final Path UNIT = Path.of("/usr/lib/systemd/system/ballast.service");
    private static final List<Path> INSTALLED_FILES = List.of(Path.of("/usr/bin/ballast"),
            Path.of("/usr/share/ballast/ballast.jar"), CONFIG, DEFAULTS,
            Path.of("/etc/init.d/ballast"), UNIT);
    /** A capability set as /proc shows it, holding CAP_NET_BIND_SERVICE (bit 10) alone. */
    private static final String ONLY_NET_BIND_SERVICE = "0000000000000400";
    private static final Path WANTS_LINK = Path.of("/etc/systemd/system/multi-user.target.wants/ballast.service");

    private final Cleanup cleanup = new Cleanup();
    private final List<Long> ballastPids = new ArrayList<>();
    private boolean installAttempted;
    /** The packaged files the test changed, with their original content, restored before the purge. */
    private final Map<Path, String> originals = new LinkedHashMap<>();


    @AfterEach
    void tearDown() {
        try {
            if (installAttempted) {
                killBallastProcesses();
                restoreFiles();
                if (!packageStatus().isEmpty()) {
                    Result purge = run(Duration.ofMinutes(3), "apt-get", "purge", "-y", "-o", "DPkg::Lock::Timeout=60", PACKAGE);
                    if (purge.exitCode() != 0) {
                        run(Duration.ofMinutes(2), "dpkg", "--purge", PACKAGE);
                    }
                }
            }
        } finally {
            cleanup.close();
        }
    }

    @Test
    void installsAndRunsAsAServiceLikeHaproxy() throws IOException {
        assumeFalse(BallastProcess.referenceMode(), "the package holds Ballast; there is no HAProxy variant of this test");
        assumeTrue(ApacheServer.isRoot(), "installs a Debian package on this machine: needs root (CI runs as root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dpkg")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))
                && Files.isExecutable(Path.of("/usr/sbin/service")), "needs dpkg, apt-get and service (Debian or Ubuntu)");
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "systemd is running here, so service(8) would "
                + "drive the unit (its messages go to the journal); this test drives the init script, as in containers and CI");
        String before = packageStatus();
        assumeTrue(before.isEmpty(), "a ballast package is already on this machine (" + before + "); this test would "
                + "replace and purge it: run 'apt-get purge ballast' first");
        // The purge deletes the user and the cleanup kills its processes: both must be the test's own.
        assumeTrue(run("getent", "passwd", USER).exitCode() != 0, "a user named " + USER + " exists already; this "
                + "test creates that user by installing the package and deletes it by purging");
        ApacheServer.assumeInstalled();

        Path deb = builtPackage();
        Path repoRoot = deb.getParent().getParent().getParent();

        // Install, as the README says: apt-get resolves the Java dependency.
        installAttempted = true;
        Result install = run(repoRoot, Duration.ofMinutes(3), "apt-get", "install", "-y", "-o", "DPkg::Lock::Timeout=60",
                "./" + repoRoot.relativize(deb));
        assertEquals(0, install.exitCode(), "apt-get install " + deb + ":\n" + install.output());
        assertEquals("installed", packageStatus(), "dpkg's status of ballast after apt-get install");
        for (Path f : INSTALLED_FILES) {
            assertTrue(Files.isRegularFile(f), f + " installed");
        }
        assertTrue(Files.isExecutable(Path.of("/usr/bin/ballast")), "/usr/bin/ballast is executable");
        assertEquals(0, run("getent", "passwd", USER).exitCode(), "postinst created the system user " + USER);
        assertTrue(bootLinks().contains(WANTS_LINK), "the systemd unit is enabled (" + WANTS_LINK + ")");
        assertTrue(bootLinks().stream().anyMatch(l -> l.toString().matches("/etc/rc2\\.d/S\\d\\dballast")),
                "the init script starts in runlevel 2: " + bootLinks());
        String conffiles = run("dpkg-query", "-W", "-f=${Conffiles}", PACKAGE).output();
        assertTrue(conffiles.contains(" " + CONFIG + " ") && conffiles.contains(" /etc/default/ballast "),
                "conffiles:\n" + conffiles);

        // The shipped configuration passes the check as it is.
        Result shipped = run("/usr/bin/ballast", "-c", "-f", CONFIG.toString());
        assertEquals(0, shipped.exitCode(), "ballast -c on the shipped " + CONFIG + ":\n" + shipped.output());
        assertTrue(shipped.output().contains("Configuration file is valid"), shipped.output());
        assertFalse(shipped.output().contains("[WARNING]"), "no warnings on the shipped configuration:\n" + shipped.output());

        Path systemdAnalyze = Path.of("/usr/bin/systemd-analyze");
        if (Files.isExecutable(systemdAnalyze)) {
            // verify exits 0 even for lines it could not parse, and prints them: both must be clean.
            Result verify = run(systemdAnalyze.toString(), "verify", UNIT.toString());
            assertEquals(0, verify.exitCode(), "systemd-analyze verify " + UNIT + ":\n" + verify.output());
            assertFalse(verify.output().contains("ballast.service"), "systemd-analyze verify " + UNIT + ":\n" + verify.output());
        }

        // Where no policy-rc.d forbids it, postinst started the service with the shipped configuration.
        Result stopFirst = service("stop");
        assertEquals(0, stopFirst.exitCode(), "service ballast stop (LSB: success when not running):\n" + stopFirst.output());

        ApacheServer web01 = cleanup.track(ApacheServer.create("web01"));
        web01.start();
        int port = Net.freePort();
        String globalAndDefaults = globalAndDefaults(Files.readString(CONFIG));
        String served = globalAndDefaults + "\nfrontend web\n\tbind " + Net.LOOPBACK + ":" + port + "\n\tdefault_backend apache\n"
                + "\nbackend apache\n\tserver web01 " + Net.LOOPBACK + ":" + web01.port() + "\n";
        String reloaded = served.replace("\tdefault_backend apache\n",
                "\tdefault_backend apache\n\thttp-response set-header X-Reloaded yes\n");
        String broken = reloaded + "\tno_such_keyword on\n";
        int brokenLine = (int) broken.lines().count();
        change(CONFIG, served);
        // The init script passes /etc/default/ballast on to the JVM, as the unit does with EnvironmentFile=.
        change(DEFAULTS, Files.readString(DEFAULTS) + "JAVA_OPTS=\"-XX:+ExitOnOutOfMemoryError -Xmx256m\"\n");

        Result start = service("start");
        assertEquals(0, start.exitCode(), "service ballast start:\n" + start.output());
        long pid = readPid();
        ballastPids.add(pid);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " from "
                + PIDFILE + " is not running; start said:\n" + start.output()));
        assertEquals(USER, process.info().user().orElse("?"), "the service runs as user " + USER);
        assertEquals(ONLY_NET_BIND_SERVICE, capability(pid, "CapEff"),
                "its only capability is CAP_NET_BIND_SERVICE");
        List<String> jvmArgs = List.of(process.info().arguments().orElse(new String[0]));
        assertTrue(jvmArgs.contains("-Xmx256m"), "JAVA_OPTS from " + DEFAULTS + " reached the JVM: " + jvmArgs);
        RawHttp.Response first = RawHttp.getClose(port, "/");
        assertEquals(200, first.status(), "a request through the service");
        assertTrue(first.bodyText().contains("Served by web01"), "reached Apache web01:\n" + first.bodyText());
        assertTrue(first.header("X-Reloaded").isEmpty(), "no X-Reloaded before the reload");

        Result status = service("status");
        assertEquals(0, status.exitCode(), "service ballast status while running:\n" + status.output());
        assertTrue(status.output().contains("is running"), status.output());

        // A reload with a broken file is refused by the check: the message names file:line, nothing is signalled.
        change(CONFIG, broken);
        Result refused = service("reload");
        assertNotEquals(0, refused.exitCode(), "service ballast reload with a broken configuration:\n" + refused.output());
        assertTrue(refused.output().contains(CONFIG + ":" + brokenLine), "the error names " + CONFIG + ":" + brokenLine
                + ":\n" + refused.output());
        assertTrue(process.isAlive(), "still running after the refused reload");
        assertEquals(pid, readPid(), "same pid after the refused reload");
        assertEquals(200, RawHttp.getClose(port, "/").status(), "still serving after the refused reload");

        // A good reload: the same process serves the new configuration (SIGUSR2, applied in place).
        change(CONFIG, reloaded);
        Result reload = service("reload");
        assertEquals(0, reload.exitCode(), "service ballast reload:\n" + reload.output());
        AssertionError notReloaded = null;
        try {
            Net.await(() -> RawHttp.getClose(port, "/").header("X-Reloaded").filter("yes"::equals).isPresent(),
                    Duration.ofSeconds(20), () -> "the reloaded configuration (X-Reloaded: yes) to be served after "
                            + "'service ballast reload', which sends SIGUSR2 to pid " + pid);
        } catch (AssertionError e) {
            notReloaded = e; // reported after the rest of the life cycle has been checked
        }
        assertTrue(process.isAlive(), "the same process runs after the reload (pid " + pid + ")");
        assertEquals(pid, readPid(), "same pid after the reload");
        assertEquals(200, RawHttp.getClose(port, "/").status(), "serving after the reload");

        Result stop = service("stop");
        assertEquals(0, stop.exitCode(), "service ballast stop:\n" + stop.output());
        try {
            process.onExit().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("pid " + pid + " still running 15 s after service ballast stop", e);
        }
        assertFalse(Net.accepts(port), "port " + port + " closed after stop");
        assertFalse(Files.exists(PIDFILE), PIDFILE + " removed after stop");
        Result stopped = service("status");
        assertEquals(3, stopped.exitCode(), "service ballast status when stopped (LSB: 3):\n" + stopped.output());
        assertTrue(stopped.output().contains("not running"), stopped.output());

        restoreFiles();
        Result purge = run(Duration.ofMinutes(3), "apt-get", "purge", "-y", "-o", "DPkg::Lock::Timeout=60", PACKAGE);
        assertEquals(0, purge.exitCode(), "apt-get purge ballast:\n" + purge.output());
        assertEquals("", packageStatus(), "dpkg forgot ballast after the purge");
        for (Path f : INSTALLED_FILES) {
            assertFalse(Files.exists(f), f + " removed by the purge");
        }
        assertFalse(Files.exists(Path.of("/etc/ballast")), "/etc/ballast removed by the purge");
        assertFalse(Files.exists(Path.of("/run/ballast")), "/run/ballast removed by the purge");
        assertNotEquals(0, run("getent", "passwd", USER).exitCode(), "the purge removed the user " + USER);
        assertNotEquals(0, run("getent", "group", USER).exitCode(), "the purge removed the group " + USER);
        assertEquals(List.of(), bootLinks(), "the purge removed the boot links");

        if (notReloaded != null) {
            throw notReloaded;
        }
    }

    /** The newest {@code ballast_*_all.deb} next to ballast.jar (lb-launcher/target), built in the package phase. */
    private static Path builtPackage() throws IOException {
        Path target = BallastProcess.jar().getParent();
        try (Stream<Path> files = Files.list(target)) {
            Optional<Path> deb = files
                    .filter(p -> p.getFileName().toString().matches("ballast_.+_all\\.deb"))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()));
            return deb.orElseThrow(() -> new AssertionError("no ballast_*_all.deb in " + target
                    + ": build it with 'mvn -pl lb-launcher -am install -DskipTests'"));
        }
    }

    /** The global and defaults sections of the shipped configuration: everything before its first proxy section. */
    private static String globalAndDefaults(String config) {
        StringBuilder b = new StringBuilder();
        for (String line : config.split("\n", -1)) {
            if (line.matches("(listen|frontend|backend)\\s.*")) {
                break;
            }
            b.append(line).append('\n');
        }
        assertTrue(b.indexOf("global") >= 0 && b.indexOf("defaults") >= 0, "global and defaults in:\n" + config);
        return b.toString();
    }

    private static Result service(String action) {
        return run(Duration.ofSeconds(90), "service", PACKAGE, action);
    }

    /** dpkg's state of the package ("installed", "config-files", ...), or "" when dpkg does not know it. */
    private static String packageStatus() {
        Result r = run("dpkg-query", "-W", "-f=${db:Status-Status}", PACKAGE);
        String s = r.exitCode() == 0 ? r.output().trim() : "";
        return s.equals("not-installed") ? "" : s;
    }

    private static long readPid() throws IOException {
        assertTrue(Files.exists(PIDFILE), PIDFILE + " exists");
        return Long.parseLong(Files.readString(PIDFILE).trim());
    }

    /** A capability set of a process from /proc, e.g. {@code CapEff}, as the 16 hex digits the kernel shows. */
    private static String capability(long pid, String set) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith(set + ":"))
                .map(l -> l.substring(set.length() + 1).trim())
                .findFirst().orElse("?");
    }

    private static List<Path> bootLinks() throws IOException {
        List<Path> links = new ArrayList<>();
        if (Files.isSymbolicLink(WANTS_LINK)) {
            links.add(WANTS_LINK);
        }
        try (Stream<Path> dirs = Files.list(Path.of("/etc"))) {
            for (Path rc : dirs.filter(d -> d.getFileName().toString().matches("rc.\\.d")).toList()) {
                try (Stream<Path> entries = Files.list(rc)) {
                    entries.filter(e -> e.getFileName().toString().matches("[SK]\\d\\dballast")).forEach(links::add);
                }
            }
        }
        return links;
    }

    /** Writes {@code content} to a packaged file, keeping its original content for {@link #restoreFiles()}. */
    private void change(Path file, String content) throws IOException {
        originals.putIfAbsent(file, Files.readString(file));
        Files.writeString(file, content);
    }

    private void restoreFiles() {
        originals.forEach((file, content) -> {
            if (Files.isDirectory(file.getParent())) {
                try {
                    Files.writeString(file, content);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        originals.clear();
    }

    /**
     * Kills, by pid, what the test's service commands left running: the pids it read from the pid file and any
     * process of the package's user, which did not exist before the test installed the package (an assumption).
     */
    private void killBallastProcesses() {
        List<ProcessHandle> left = new ArrayList<>();
        ballastPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(left::add));
        ProcessHandle.allProcesses().filter(p -> p.info().user().filter(USER::equals).isPresent()).forEach(left::add);
        for (ProcessHandle p : left) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : left) {
            try {
                p.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // best effort: the purge follows
            }
        }
    }

    private static Result run(String... command) {
        return run(Duration.ofSeconds(60), command);
    }

    private static Result run(Duration timeout, String... command) {
        return run(Path.of("/"), timeout, command);
    }

    /** Runs a command to completion in {@code dir}, stdout and stderr merged; fails the test after {@code timeout}. */
    private static Result run(Path dir, Duration timeout, String... command) {
        return BallastProcess.runCommand(dir, timeout, Map.of("DEBIAN_FRONTEND", "noninteractive"), List.of(command));
    }
}
