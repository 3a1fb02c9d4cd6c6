package io.ballast.proxy;

import io.ballast.core.Version;
import io.ballast.core.stats.Counter;
import io.ballast.proxy.stats.StatsSource.InfoField;
import io.netty.buffer.PooledByteBufAllocator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The process figures of {@code show info}, in HAProxy 2.6's order and with its typed-output tags. Figures that
 * describe machinery Ballast does not have (pipes, SSL caches, compression, peers) are 0, as HAProxy shows them
 * when unused.
 */
final class ProcessInfo {

    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();
    private final int threads;
    private final int maxconn;
    private final BooleanSupplier stopping;
    private final String node;

    ProcessInfo(int threads, int maxconn, BooleanSupplier stopping) {
        this.threads = threads;
        this.maxconn = maxconn;
        this.stopping = stopping;
        this.node = hostName();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    List<InfoField> info(EngineStats stats) {
        long uptime = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos);
        // HAProxy's pools are its buffer memory; Ballast's are Netty's pooled buffers.
        long pooled = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory()
                + PooledByteBufAllocator.DEFAULT.metric().usedHeapMemory();
        List<InfoField> f = new ArrayList<>();
        f.add(new InfoField("Name", "Ballast", "POS", "str"));
        f.add(new InfoField("Version", Version.BALLAST, "POS", "str"));
        f.add(new InfoField("Release_date", "", "POS", "str"));
        f.add(new InfoField("Nbthread", (long) threads, "CGS", "u32"));
        f.add(new InfoField("Nbproc", 1L, "CGS", "u32"));
        f.add(new InfoField("Process_num", 1L, "KGP", "u32"));
        f.add(new InfoField("Pid", ProcessHandle.current().pid(), "SGP", "u32"));
        f.add(new InfoField("Uptime", uptimeText(uptime), "MDP", "str"));
        f.add(new InfoField("Uptime_sec", uptime, "MDP", "u32"));
        f.add(new InfoField("Memmax_MB", 0L, "CLP", "u32"));
        f.add(new InfoField("PoolAlloc_MB", pooled >> 20, "MGP", "u32"));
        f.add(new InfoField("PoolUsed_MB", pooled >> 20, "MGP", "u32"));
        f.add(new InfoField("PoolFailed", 0L, "MCP", "u32"));
        f.add(new InfoField("Ulimit-n", 0L, "CLP", "u32"));
        f.add(new InfoField("Maxsock", 0L, "CLP", "u32"));
        f.add(new InfoField("Maxconn", (long) maxconn, "CLP", "u32"));
        f.add(new InfoField("Hard_maxconn", (long) maxconn, "CLP", "u32"));
        f.add(new InfoField("CurrConns", (long) stats.currentConnections(), "MGP", "u32"));
        f.add(new InfoField("CumConns", stats.frontendTotal(Counter.CONNECTIONS), "MCP", "u32"));
        f.add(new InfoField("CumReq", stats.frontendTotal(Counter.REQUESTS), "MCP", "u32"));
        zeros(f, "MMP", "MaxSslConns");
        zeros(f, "MGP", "CurrSslConns");
        zeros(f, "MCP", "CumSslConns");
        zeros(f, "CLP", "Maxpipes");
        zeros(f, "MGP", "PipesUsed", "PipesFree");
        f.add(new InfoField("ConnRate", stats.frontendRate(c -> c.connectionRate().perSecond()), "MRP", "u32"));
        zeros(f, "CLP", "ConnRateLimit");
        f.add(new InfoField("MaxConnRate", stats.frontendRate(c -> c.connectionRate().max()), "MMP", "u32"));
        f.add(new InfoField("SessRate", stats.frontendRate(c -> c.sessionRate().perSecond()), "MRP", "u32"));
        zeros(f, "CLP", "SessRateLimit");
        f.add(new InfoField("MaxSessRate", stats.frontendRate(c -> c.sessionRate().max()), "MRP", "u32"));
        zeros(f, "MRP", "SslRate");
        zeros(f, "CLP", "SslRateLimit");
        zeros(f, "MMP", "MaxSslRate");
        zeros(f, "MGP", "SslFrontendKeyRate");
        zeros(f, "MMP", "SslFrontendMaxKeyRate");
        zeros(f, "MGP", "SslFrontendSessionReuse_pct");
        zeros(f, "MRP", "SslBackendKeyRate");
        zeros(f, "MMP", "SslBackendMaxKeyRate");
        zeros(f, "MCP", "SslCacheLookups", "SslCacheMisses");
        zeros(f, "MRP", "CompressBpsIn", "CompressBpsOut");
        zeros(f, "CLP", "CompressBpsRateLim");
        zeros(f, "MGP", "Tasks", "Run_queue");
        f.add(new InfoField("Idle_pct", 100L, "MaP", "u32"));
        f.add(new InfoField("node", node, "COS", "str"));
        f.add(new InfoField("Stopping", stopping.getAsBoolean() ? 1L : 0L, "MGP", "u32"));
        f.add(new InfoField("Jobs", (long) (stats.currentConnections() + stats.listeners()), "MGP", "u32"));
        zeros(f, "MGP", "Unstoppable Jobs");
        f.add(new InfoField("Listeners", (long) stats.listeners(), "MGP", "u32"));
        zeros(f, "MGP", "ActivePeers", "ConnectedPeers", "DroppedLogs", "BusyPolling", "FailedResolutions");
        f.add(new InfoField("TotalBytesOut", stats.frontendTotal(Counter.BYTES_OUT), "MGP", "u64"));
        f.add(new InfoField("TotalSplicdedBytesOut", 0L, "MGP", "u64"));
        f.add(new InfoField("BytesOutRate", 0L, "MRP", "u64"));
        zeros(f, "MGP", "DebugCommandsIssued");
        zeros(f, "MCP", "CumRecvLogs");
        f.add(new InfoField("Build info", Version.BALLAST, "POS", "str"));
        f.add(new InfoField("Memmax_bytes", 0L, "CLP", "u32"));
        f.add(new InfoField("PoolAlloc_bytes", pooled, "MGP", "u64"));
        f.add(new InfoField("PoolUsed_bytes", pooled, "MGP", "u64"));
        f.add(new InfoField("Start_time_sec", TimeUnit.MILLISECONDS.toSeconds(startMillis), "MDP", "u32"));
        f.add(new InfoField("Tainted", "0", "SGP", "str"));
        return f;
    }

    private static void zeros(List<InfoField> f, String tag, String... names) {
        for (String name : names) {
            f.add(new InfoField(name, 0L, tag, "u32"));
        }
    }

    /** HAProxy's {@code Uptime}: {@code 0d 0h01m59s}. */
    static String uptimeText(long seconds) {
        return String.format("%dd %dh%02dm%02ds", seconds / 86400, seconds / 3600 % 24, seconds / 60 % 60,
                seconds % 60);
    }
}
