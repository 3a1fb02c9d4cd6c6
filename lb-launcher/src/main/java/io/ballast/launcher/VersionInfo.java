package io.ballast.launcher;

import io.ballast.core.Version;
import io.ballast.core.balance.BalanceAlgorithms;

import java.util.ArrayList;
import java.util.List;

/** The texts of {@code -v} and {@code -vv}. */
final class VersionInfo {

    private VersionInfo() {
    }

    /** {@code Ballast version 0.1.0 - HAProxy 2.6 configuration compatible}. */
    static String version() {
        return "Ballast version " + Version.BALLAST + " - HAProxy " + Version.HAPROXY_COMPATIBLE
                + " configuration compatible";
    }

    /** The {@code -vv} text: the version, the runtime, the transports and the balancing algorithms. */
    static List<String> buildInfo() {
        List<String> lines = new ArrayList<>();
        lines.add(version());
        lines.add("Running on: " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " " + System.getProperty("os.arch"));
        lines.add("Java runtime: " + System.getProperty("java.runtime.name", "Java") + " "
                + System.getProperty("java.runtime.version", System.getProperty("java.version"))
                + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vm.vendor") + ")");
        lines.add("Available processors: " + Runtime.getRuntime().availableProcessors());
        lines.add("TLS library: " + io.ballast.proxy.tls.TlsContexts.library());
        lines.add("");
        lines.add("Available polling systems :");
        lines.add("      epoll : " + epollStatus());
        lines.add("        nio : test result OK");
        lines.add("Selected: " + (epollAvailable() ? "epoll" : "nio"));
        lines.add("");
        lines.add("Available balancing algorithms : " + String.join(" ", BalanceAlgorithms.names()));
        lines.add("");
        lines.add("Not supported yet : master-worker mode (-W/-Ws, -S), hot reload (-sf/-st, -x)");
        return lines;
    }

    private static boolean epollAvailable() {
        try {
            return io.netty.channel.epoll.Epoll.isAvailable();
        } catch (LinkageError e) {
            return false;
        }
    }

    private static String epollStatus() {
        try {
            if (io.netty.channel.epoll.Epoll.isAvailable()) {
                return "test result OK";
            }
            Throwable cause = io.netty.channel.epoll.Epoll.unavailabilityCause();
            return "not available (" + (cause == null ? "unknown reason" : cause.getMessage()) + ")";
        } catch (LinkageError e) {
            return "not available (" + e + ")";
        }
    }
}
