package io.ballast.proxy.log;

import io.ballast.core.config.LogTarget;
import io.ballast.core.log.EventLog;
import io.netty.channel.epoll.Epoll;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The process's log outputs: one socket or writer thread per distinct {@code log} target, shared by every proxy
 * that logs there, and the count of lines dropped ({@code DroppedLogs} in {@code show info}). Open once at startup,
 * close at shutdown; opening never fails: a target that cannot be used is reported and its lines are dropped.
 */
public final class LogOutputs implements AutoCloseable {

    /** The program name in syslog headers when {@code log-tag} is not set: what HAProxy's parsers expect. */
    public static final String DEFAULT_TAG = "haproxy";

    private static final int DEFAULT_PORT = 514;

    private final String tag;
    private final EventLog warnings;
    private final LongAdder dropped = new LongAdder();
    private final Map<String, LogSink> sinks = new HashMap<>();

    private LogOutputs(String tag, EventLog warnings) {
        this.tag = tag;
        this.warnings = warnings;
    }

    /**
     * @param logTag   the global {@code log-tag}, or {@code null} for {@link #DEFAULT_TAG}
     * @param warnings where to report targets that cannot be used
     * @return outputs with no target open yet; targets open when a logger first names them
     */
    public static LogOutputs open(String logTag, EventLog warnings) {
        return new LogOutputs(logTag == null ? DEFAULT_TAG : logTag, warnings);
    }

    /** Lines dropped so far because a target was full, unreachable or unusable. */
    public long dropped() {
        return dropped.sum();
    }

    /** Closes every socket and writer; lines sent afterwards are dropped. */
    @Override
    public synchronized void close() {
        sinks.values().forEach(LogSink::close);
        sinks.clear();
    }

    /** The usable form of each of {@code targets}. */
    List<SyslogTarget> targets(List<LogTarget> targets) {
        List<SyslogTarget> out = new ArrayList<>(targets.size());
        for (LogTarget t : targets) {
            String max = t.level() == null ? "debug" : t.level();
            String min = t.minLevel() == null ? "emerg" : t.minLevel();
            out.add(target(t.target(), t.format(), t.length(), t.facility(), max, min,
                    t.tag() != null ? t.tag() : tag));
        }
        return out;
    }

    /** One target from the words of a {@code log} line, its lines tagged with the global {@code log-tag}. */
    synchronized SyslogTarget target(String where, String format, int length, String facility, String maxLevel,
                                     String minLevel) {
        return target(where, format, length, facility, maxLevel, minLevel, tag);
    }

    private synchronized SyslogTarget target(String where, String format, int length, String facility,
                                             String maxLevel, String minLevel, String lineTag) {
        LogSink sink = sinks.computeIfAbsent(where, this::openSink);
        return new SyslogTarget(sink, SyslogFormat.named(format), Syslog.facility(facility), Syslog.level(maxLevel),
                Syslog.level(minLevel), length, lineTag, dropped);
    }

    private LogSink openSink(String where) {
        try {
            if (where.equals("stdout") || where.equals("fd@1")) {
                return new StreamSink(new FileOutputStream(FileDescriptor.out), "ballast-log-stdout",
                        StreamSink.QUEUE_LINES);
            }
            if (where.equals("stderr") || where.equals("fd@2")) {
                return new StreamSink(new FileOutputStream(FileDescriptor.err), "ballast-log-stderr",
                        StreamSink.QUEUE_LINES);
            }
            if (where.startsWith("/") || where.startsWith("unix@")) {
                return unixSink(where.startsWith("unix@") ? where.substring(5) : where);
            }
            if (where.startsWith("ring@") || where.startsWith("fd@")) {
                return unusable(where, "this kind of log target is not supported yet");
            }
            InetSocketAddress address = udpAddress(where);
            if (address.isUnresolved()) {
                return unusable(where, "cannot resolve '" + address.getHostString() + "'");
            }
            return new UdpSink(address);
        } catch (IOException | IllegalArgumentException | io.netty.channel.ChannelException e) {
            return unusable(where, e.getMessage());
        }
    }

    private LogSink unixSink(String path) {
        if (!Epoll.isAvailable()) { // which also loads the native library that UnixDatagramSink calls
            return unusable(path, "unix datagram sockets need the native epoll transport, which is unavailable: "
                    + Epoll.unavailabilityCause());
        }
        return new UnixDatagramSink(path);
    }

    private LogSink unusable(String where, String why) {
        warnings.log(EventLog.Level.WARNING, "log target '" + where + "' cannot be used (" + why
                + "); its log lines will be dropped");
        return new DroppingSink();
    }

    /**
     * Parses {@code [udp@|udp4@|udp6@|ipv4@|ipv6@]host[:port]} as HAProxy does: the port follows the last colon
     * (so IPv6 addresses need one, possibly empty: {@code ipv6@::1:}), 514 by default. Resolves the host.
     */
    static InetSocketAddress udpAddress(String target) {
        String s = target;
        for (String prefix : List.of("udp@", "udp4@", "udp6@", "ipv4@", "ipv6@")) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
                break;
            }
        }
        int colon = s.lastIndexOf(':');
        String host = colon < 0 ? s : s.substring(0, colon);
        String port = colon < 0 ? "" : s.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new InetSocketAddress(host, port.isEmpty() ? DEFAULT_PORT : Integer.parseInt(port));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + target + "' is not a valid host:port");
        }
    }

    /** A target that cannot be used: every line is dropped (and counted). */
    private static final class DroppingSink implements LogSink {
        @Override
        public boolean send(ByteBuffer line) {
            return false;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
