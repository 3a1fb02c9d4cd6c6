package io.ballast.proxy.cli;

import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;
import io.ballast.proxy.stats.StatsCsv;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime API's commands on a running Ballast, with HAProxy 2.6.12's answers to the same commands. */
@Timeout(30)
class CliCommandsTest {

    @RegisterExtension
    final RunningCli cli = new RunningCli();
    private int frontendPort;

    @BeforeEach
    void start() throws Exception {
        frontendPort = RunningCli.freePort();
        int web = cli.server();
        cli.start("global\n  stats socket DIR/admin.sock level admin\n  stats socket DIR/oper.sock level operator\n"
                + "defaults\n  mode http\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\n"
                + "frontend fe\n  bind 127.0.0.1:" + frontendPort + "\n  default_backend be\n"
                + "backend be\n  server s1 127.0.0.1:" + web + " check inter 100\n  server s2 127.0.0.1:" + web + "\n"
                + "backend st\n  balance static-rr\n  server s1 127.0.0.1:" + web + " weight 4\n");
    }

    private String admin(String command) throws Exception {
        return cli.send("admin.sock", command + "\n");
    }

    private Server server(String backend, String name) {
        return cli.ballast.backends().stream().filter(b -> b.name().equals(backend)).findFirst()
                .map(b -> b.server(name)).orElseThrow();
    }

    @Test
    void showStatHasHaproxysHeaderAndARowPerProxyAndServer() throws Exception {
        String all = admin("show stat");
        assertTrue(all.startsWith(StatsCsv.headerLine()));
        assertTrue(all.startsWith("# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,"), all);
        assertTrue(all.endsWith("\n\n"), "an empty line ends the answer");
        assertEquals(List.of("fe,FRONTEND", "be,s1", "be,s2", "be,BACKEND", "st,s1", "st,BACKEND"), rowNames(all));
        assertEquals(List.of("be,s1", "be,s2", "st,s1"), rowNames(admin("show stat -1 4 -1")));
        assertEquals(List.of("be,s2"), rowNames(admin("show stat be 4 2")));
        assertEquals(List.of("fe,FRONTEND", "be,BACKEND", "st,BACKEND"), rowNames(admin("show stat -1 3 -1")));
        assertEquals("\n", admin("disable server be/s2"));
        assertEquals(List.of("be,s1", "st,s1"), rowNames(admin("show stat -1 4 -1 no-maint")));
        assertEquals("\n", admin("set server st/s1 health down"));
        assertEquals(List.of("be,s1"), rowNames(admin("show stat -1 4 -1 up")));
        assertEquals("No such proxy.\n\n", admin("show stat nope 1 -1"));
        assertTrue(admin("show stat typed").startsWith("F."), "typed output");
        assertTrue(admin("show stat json").startsWith("[["), "JSON output");
    }

    @Test
    void showInfoFormats() throws Exception {
        assertTrue(admin("show info").startsWith("Name: "));
        assertTrue(admin("show info typed").startsWith("0.Name.1:POS:str:"));
        assertTrue(admin("show info json").startsWith("[{\"field\":{\"pos\":0,\"name\":\"Name\"}"));
    }

    @Test
    void showBackendAndErrors() throws Exception {
        assertEquals("# name\nbe\nst\n\n", admin("show backend"));
        assertTrue(admin("show errors").matches("Total events captured on \\[\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:"
                + "\\d\\d\\.\\d{3}] : 0\n\n"));
        assertEquals("No such proxy.\n\n", admin("show errors nope"));
    }

    @Test
    void setServerStateDrainsAndReadiesAServer() throws Exception {
        Server s2 = server("be", "s2");
        assertEquals("\n", admin("set server be/s2 state drain"));
        assertEquals(ServerState.DRAIN, s2.state(), "applied before the answer");
        assertTrue(serversState().contains(" be 2 s2 127.0.0.1 2 8 1 1 "), serversState());
        assertTrue(cli.log.contains("WARNING Server be/s2 enters drain state. 1 active and 0 backup servers online. 0"
                + " sessions requeued, 0 total in queue."), cli.log.toString());
        assertEquals("\n", admin("set server be/s2 state maint"));
        assertEquals(ServerState.MAINT, s2.state());
        assertEquals("\n", admin("set server be/s2 state ready"));
        assertEquals(ServerState.UP, s2.state());
        assertEquals("\n", admin("disable server be/s2"));
        assertEquals(ServerState.MAINT, s2.state());
        assertEquals("\n", admin("enable server be/s2"));
        assertEquals(ServerState.UP, s2.state());
        assertEquals("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n",
                admin("set server be/s2 state foo"));
        assertEquals("No such server.\n\n", admin("set server be/nope state drain"));
        assertEquals("No such backend.\n\n", admin("set server nope/s2 state drain"));
        assertEquals("Require 'backend/server'.\n\n", admin("set server be state drain"));
        assertTrue(admin("set server be/s2").startsWith("usage: set server <backend>/<server> addr | agent |"));
        assertEquals("Permission denied\n\n", cli.send("oper.sock", "set server be/s2 state drain\n"));
    }

    @Test
    void setServerHealthAndChecks() throws Exception {
        Server s1 = server("be", "s1");
        assertEquals("\n", admin("set server be/s2 health down"));
        assertEquals(ServerState.DOWN, server("be", "s2").state());
        assertEquals("\n", admin("set server be/s2 health up"));
        assertEquals("'set server <srv> health' expects 'up', 'stopping', or 'down'.\n\n",
                admin("set server be/s1 health foo"));
        assertEquals("agent checks are not enabled on this server.\n\n", admin("set server be/s1 agent up"));
        assertEquals("Health check was not configured on this server, cannot enable.\n\n",
                admin("enable health be/s2"));
        assertEquals("Agent was not configured on this server, cannot enable.\n\n", admin("enable agent be/s1"));
        assertEquals("\n", admin("disable health be/s1"));
        assertTrue(serversState().contains(" be 1 s1 127.0.0.1 2 0 1 1 "), serversState());
        assertTrue(serversState().matches("(?s).* s1 127\\.0\\.0\\.1 2 0 1 1 \\d+ \\d+ \\d \\d 2 0 .*"),
                "checks configured, not enabled: " + serversState());
        assertEquals("\n", admin("enable health be/s1"));
        assertEquals("\n", admin("set server be/s1 health down"));
        assertEquals(ServerState.DOWN, s1.state());
        assertEquals("'set server <srv> fqdn' is not supported by Ballast yet.\n\n",
                admin("set server be/s1 fqdn example.com"));
        assertEquals("IP changed from '127.0.0.1' to '127.0.0.2' by 'stats socket command'\n\n",
                admin("set server be/s1 addr 127.0.0.2"));
        assertEquals(ServerState.DOWN, s1.state(), "a moved server keeps its state");
        assertTrue(serversState().matches("(?s).* s1 127\\.0\\.0\\.2 0 0 .*"), serversState());
    }

    @Test
    void weights() throws Exception {
        assertEquals("1 (initial 1)\n\n", admin("get weight be/s1"));
        assertEquals("\n", admin("set weight be/s1 50%"));
        assertEquals("0 (initial 1)\n\n", admin("get weight be/s1"));
        assertEquals("\n", admin("set server be/s1 weight 200"));
        assertEquals(200, server("be", "s1").weight());
        assertEquals("Absolute weight can only be between 0 and 256 inclusive.\n\n", admin("set weight be/s1 300"));
        assertEquals("Empty weight string empty or preceded by garbage\n", admin("set weight be/s1 abc"));
        assertEquals("Trailing garbage in weight string\n", admin("set weight be/s1 5x"));
        assertEquals("Require <weight> or <weight%>.\n\n", admin("set weight be/s1"));
        assertEquals("Relative weight must be positive.\n\n", admin("set weight be/s1 -5%"));
        assertEquals("Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n\n",
                admin("set weight st/s1 2"));
        assertEquals("\n", admin("set weight st/s1 0"));
        assertEquals("\n", admin("set weight st/s1 100%"));
        assertEquals("4 (initial 4)\n\n", admin("get weight st/s1"));
        assertEquals("No such backend.\n\n", admin("get weight nope/s1"));
    }

    @Test
    void serversAreAddedMovedAndDeletedAsInHaproxy() throws Exception {
        int web = cli.server();
        assertEquals("New server registered.\n\n", admin("add server be/s3 127.0.0.1:" + web + " weight 2"));
        Server s3 = server("be", "s3");
        assertEquals(ServerState.MAINT, s3.state(), "created in maintenance, as HAProxy does");
        assertEquals(2, s3.weight());
        assertEquals(List.of("fe,FRONTEND", "be,s1", "be,s2", "be,s3", "be,BACKEND", "st,s1", "st,BACKEND"),
                rowNames(admin("show stat")));
        assertEquals("Already exists a server with the same name in backend.\n\n", admin("add server be/s3 127.0.0.1:1"));
        assertEquals("Backend must use a dynamic load balancing to support dynamic servers.\n",
                admin("add server st/s9 127.0.0.1:1"));
        assertEquals("No such backend.\n", admin("add server nope/s1 127.0.0.1:1"));
        assertEquals("unknown option 'bogus'.\n\n", admin("add server be/s4 127.0.0.1:1 bogus"));
        assertEquals("'server' expects <name> and <addr>[:<port>] as arguments.\n\n", admin("add server be/s4"));
        assertEquals("Permission denied\n\n", cli.send("oper.sock", "add server be/s5 127.0.0.1:1\n"));

        Backend be = cli.ballast.backends().get(0);
        int usable = be.usableActiveServers();
        assertEquals("\n", admin("set server be/s3 state ready"));
        assertEquals(usable + 1, be.usableActiveServers(), "the added server takes traffic once ready");

        assertEquals("IP changed from '127.0.0.1' to '127.0.0.2' by 'stats socket command'\n\n",
                admin("set server be/s3 addr 127.0.0.2"));
        assertEquals("no need to change the addr, port changed from '" + web + "' to '1' by 'stats socket command'\n\n",
                admin("set server be/s3 addr 127.0.0.2 port 1"));
        assertEquals("127.0.0.2:1", s3.config().address().text());
        assertEquals("Invalid addr 'localhost' by 'stats socket command'\n\n", admin("set server be/s3 addr localhost"));

        assertEquals("Only servers in maintenance mode can be deleted.\n", admin("del server be/s3"));
        assertEquals("\n", admin("set server be/s3 state maint"));
        assertEquals("Server deleted.\n", admin("del server be/s3"));
        assertEquals("No such server.\n", admin("del server be/s3"));
        assertEquals(2, cli.ballast.backends().get(0).servers().size());
    }

    @Test
    void clearCounters() throws Exception {
        Backend be = cli.ballast.backends().get(0);
        Server s1 = be.server("s1");
        s1.requestStarted();
        s1.requestEnded();
        assertEquals(1, s1.counters().maxSessions());
        assertEquals("\n", cli.send("oper.sock", "clear counters\n"));
        assertEquals(0, s1.counters().maxSessions(), "highest values reset");
        assertEquals(1, s1.totalRequests());
        s1.setState(ServerState.DOWN);
        s1.setState(ServerState.UP);
        assertEquals(1, s1.history().transitionsToDown());
        backendDownAndUp(be);
        assertEquals(1, be.history().transitionsToDown());
        assertEquals("Permission denied\n\n", cli.send("oper.sock", "clear counters all\n"));
        assertEquals("\n", admin("clear counters all"));
        assertEquals(0, s1.totalRequests());
        assertEquals(0, s1.history().transitionsToDown(), "chkdown reset, as HAProxy's clear counters all");
        assertEquals(1, be.history().transitionsToDown(), "but not the backend's, as in HAProxy 2.6");
    }

    /** Takes both servers of {@code be} down (so the backend goes down once), then up again. */
    private static void backendDownAndUp(Backend be) {
        be.servers().forEach(s -> s.setState(ServerState.DOWN));
        be.servers().forEach(s -> s.setState(ServerState.UP));
    }

    @Test
    void showSessListsTheCliAndClientConnections() throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), frontendPort)) {
            String sessions = cli.send("oper.sock", "show sess\n");
            for (int i = 0; i < 100 && !sessions.contains("fe=fe"); i++) { // the accept may not be done yet
                Thread.sleep(20);
                sessions = cli.send("oper.sock", "show sess\n");
            }
            List<String> lines = sessions.lines().toList();
            assertTrue(lines.get(0).matches("0x[0-9a-f]+: proto=unix_stream src=unix:2 fe=GLOBAL be=<NONE>"
                    + " srv=<none> age=0s"), sessions);
            assertTrue(lines.get(1).matches("0x[0-9a-f]+: proto=tcpv4 src=127\\.0\\.0\\.1:" + client.getLocalPort()
                    + " fe=fe"), sessions);
        }
    }

    /** The {@code pxname,svname} of each row of a {@code show stat} answer. */
    @Test
    void aServersIdStaysWhenAnotherIsDeletedAndAnAddedOneTakesTheLowestFree() throws Exception {
        assertEquals(Map.of("s1", "1", "s2", "2"), serverIds(admin("show stat")));
        assertEquals("\n", admin("set server be/s1 state maint"));
        assertEquals("Server deleted.\n", admin("del server be/s1"));
        assertEquals(Map.of("s2", "2"), serverIds(admin("show stat")), "s2 keeps its sid");
        assertEquals("New server registered.\n\n", admin("add server be/s3 127.0.0.1:" + cli.server()));
        assertEquals("New server registered.\n\n", admin("add server be/s4 127.0.0.1:" + cli.server()));
        assertEquals(Map.of("s2", "2", "s3", "1", "s4", "3"), serverIds(admin("show stat")));
        String state = admin("show servers state be");
        assertTrue(state.contains(" be 2 s2 "), "show servers state uses the same ids: " + state);
    }

    /** The {@code sid} of each server row of backend {@code be} in {@code show stat}'s CSV. */
    private static Map<String, String> serverIds(String csv) {
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().substring(2).split(","));
        int sid = header.indexOf("sid");
        Map<String, String> ids = new java.util.HashMap<>();
        csv.lines().skip(1).map(l -> l.split(",", -1))
                .filter(f -> f.length > sid && f[0].equals("be") && !f[1].equals("BACKEND"))
                .forEach(f -> ids.put(f[1], f[sid]));
        return ids;
    }

    private static List<String> rowNames(String csv) {
        return csv.lines().skip(1).filter(l -> !l.isEmpty())
                .map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1))).toList();
    }

    private String serversState() throws Exception {
        return admin("show servers state");
    }

    @Test
    void showServersState() throws Exception {
        String state = admin("show servers state be");
        List<String> lines = state.lines().toList();
        assertEquals("1", lines.get(0));
        assertEquals("# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight"
                + " srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state"
                + " srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl"
                + " srv_check_port srv_check_addr srv_agent_addr srv_agent_port", lines.get(1));
        assertTrue(lines.get(3).matches("\\d+ be 2 s2 127\\.0\\.0\\.1 2 0 1 1 \\d+ 1 0 2 0 0 0 0 - \\d+ - 0 0 - - 0"),
                lines.get(3));
        assertEquals(5, lines.size(), state);
        assertEquals("Can't find backend.\n\n", admin("show servers state nope"));
    }
}
