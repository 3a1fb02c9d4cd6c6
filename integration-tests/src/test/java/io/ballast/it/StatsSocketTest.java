package io.ballast.it;

import static io.ballast.it.RoundRobinScenarios.assertAlternates;
import static io.ballast.it.RoundRobinScenarios.requests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The runtime API end to end: the walkthrough's configuration with its {@code stats socket} in a temporary directory,
 * the real jar in front of two real Apaches, and {@code socat} as the client, as an administrator would use it
 * ({@code echo "show stat" | socat stdio unix-connect:admin.sock}). Run with {@code -Dballast.reference=haproxy} to
 * check the scenarios against HAProxy itself.
 */
@ExtendWith(TestNames.class)
class StatsSocketTest {
    /** HAProxy 2.6's {@code show stat} header up to the per-module counters ({@code -,} ends the fixed columns). */
    static final String HAPROXY_HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,"
            + "eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,"
            + "lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,"
            + "hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,"
            + "comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,"
            + "agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,"
            + "agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,"
            + "reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,"
            + "idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,"
            + "agg_server_check_status,agg_check_status,-,";
    private static final String SEED_SOCKET = "stats socket /run/haproxy/admin.sock";

    private final Cleanup cleanup = new Cleanup();
    private ApacheServer web01;
    private ApacheServer web02;
    private Path dir;
    private Path socket;
    private BallastProcess engine;

    @BeforeEach
    void startServers() throws IOException {
        ApacheServer.assumeInstalled();
        Socat.assumeInstalled();
        dir = Reaper.trackDir(Files.createTempDirectory("ballast-stats-it-"));
        socket = dir.resolve("admin.sock");
        web01 = cleanup.track(ApacheServer.create("web01"));
        web02 = cleanup.track(ApacheServer.create("web02"));
        web01.start();
        web02.start();
    }

    @AfterEach
    void cleanUp() {
        try {
            cleanup.close();
        } finally {
            ApacheServer.deleteTree(dir);
        }
    }

    /** The seed as written, its runtime API socket moved into the test's directory. */
    private SeedConfig startBallast() {
        SeedConfig cfg = SeedConfig.forServers(web01, web02).replace(SEED_SOCKET, "stats socket " + socket);
        engine = cleanup.track(BallastProcess.start(cfg.writeTo(dir), cfg.frontendPort()));
        Net.await(() -> Files.exists(socket), Duration.ofSeconds(10), () -> socket + " to be created");
        return cfg;
    }

    private String socat(String command) {
        return Socat.send(socket, command);
    }

    @Test
    void showStatHasHaproxysHeaderAndARowPerFrontendBackendAndServer() {
        startBallast();
        String csv = socat("show stat");
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith(HAPROXY_HEADER), lines.get(0));
        List<String> rows = lines.stream().skip(1).filter(l -> !l.isEmpty())
                .map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1))).toList();
        assertEquals(List.of("haproxy_in,FRONTEND", "haproxy_in,web01", "haproxy_in,web02", "haproxy_in,BACKEND"),
                rows, csv);
        assertTrue(csv.endsWith("\n\n"), "an empty line ends the answer");
        assertTrue(socat("show servers state haproxy_in").lines().anyMatch(l -> l.matches(
                "\\d+ haproxy_in 2 web02 127\\.0\\.0\\.1 2 0 1 1 .*")), "web02 running, ready, weight 1");
    }

    /**
     * {@code set server haproxy_in/web02 state drain}: no new request goes to web02, while a client's established
     * keep-alive connection, whose last request web02 served, gets its next request answered; {@code ready} brings
     * web02 back into the rotation.
     */
    @Test
    void drainStopsNewTrafficToAServerAndReadyBringsItBack() {
        SeedConfig cfg = startBallast();
        assertAlternates(requests(cfg.frontendPort(), 4));

        try (RawHttp keepAlive = new RawHttp(cfg.frontendPort())) {
            String last = "";
            for (int i = 0; i < 4 && !last.equals("web02"); i++) {
                RawHttp.Response r = keepAlive.get("/", false);
                assertEquals(200, r.status());
                last = r.servedBy();
            }
            assertEquals("web02", last, "a keep-alive request served by web02 first");

            assertEquals("\n", socat("set server haproxy_in/web02 state drain"));
            engine.awaitStderr("Server haproxy_in/web02 enters drain state. 1 active and 0 backup servers online.",
                    Duration.ofSeconds(5));
            RawHttp.Response next = keepAlive.get("/", false);
            assertEquals(200, next.status(), "the established connection's next request is answered");
            assertEquals("web01", next.servedBy(), "by the server still in the rotation");
            assertTrue(keepAlive.reusable());
            assertEquals(List.of("web01", "web01", "web01", "web01"), requests(cfg.frontendPort(), 4));
            String web02 = socat("show stat").lines().filter(l -> l.startsWith("haproxy_in,web02,")).findFirst()
                    .orElseThrow();
            // DRAIN, with the rise/fall counter too (DRAIN 2/3) until its checks have fully confirmed it up
            assertTrue(web02.matches("([^,]*,){17}DRAIN( \\d+/\\d+)?,.*"), web02);
        }

        assertEquals("\n", socat("set server haproxy_in/web02 state ready"));
        engine.awaitStderr("Server haproxy_in/web02 is UP (leaving forced drain).", Duration.ofSeconds(5));
        assertAlternates(requests(cfg.frontendPort(), 4));
    }

    /**
     * Dynamic servers: {@code add server} (created in maintenance), {@code set server ... state ready} puts it in the
     * rotation; {@code set server ... addr} moves a server to another Apache; {@code del server} takes one out again.
     */
    @Test
    void serversAddedMovedAndDeletedAtRunTime() throws IOException {
        ApacheServer web03 = cleanup.track(ApacheServer.create("web03"));
        web03.start();
        SeedConfig cfg = startBallast();
        int port = cfg.frontendPort();
        assertEquals("New server registered.\n\n",
                socat("add server haproxy_in/web03 " + Net.LOOPBACK + ":" + web03.port()));
        assertEquals(List.of("web01", "web01", "web02", "web02"), sorted(requests(port, 4)), "web03 in maintenance");
        assertEquals("\n", socat("set server haproxy_in/web03 state ready"));
        assertEquals(List.of("web01", "web01", "web02", "web02", "web03", "web03"), sorted(requests(port, 6)));

        assertEquals("no need to change the addr, port changed from '" + web02.port() + "' to '" + web03.port()
                + "' by 'stats socket command'\n\n",
                socat("set server haproxy_in/web02 addr " + Net.LOOPBACK + " port " + web03.port()));
        assertEquals(List.of("web01", "web01", "web03", "web03", "web03", "web03"), sorted(requests(port, 6)),
                "web02 now sends to web03's Apache");

        assertEquals("Only servers in maintenance mode can be deleted.\n", socat("del server haproxy_in/web03"));
        assertEquals("\n", socat("set server haproxy_in/web03 state maint"));
        assertEquals("Server deleted.\n", socat("del server haproxy_in/web03"));
        assertTrue(socat("show stat").lines().noneMatch(l -> l.startsWith("haproxy_in,web03,")));
    }

    private static List<String> sorted(List<String> served) {
        return served.stream().sorted().toList();
    }
}
