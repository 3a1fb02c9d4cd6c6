package io.ballast.launcher;

import io.ballast.core.config.ConfigLoader;
import io.ballast.core.config.LoadedConfig;
import io.ballast.proxy.Ballast;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --demo}: the walkthrough's configuration, running for real with nothing installed. Two built-in web
 * servers ({@code web01}, {@code web02}) start on free loopback ports. The configuration has the sections and
 * options of {@code examples/haproxy.cfg} with the demo's addresses, minus what needs root, files or a syslog
 * socket (chroot, user, group, daemon, stats socket, errorfiles and the two {@code log /dev/log} lines, which
 * Ballast does not support yet). It goes through the real configuration loader, and the real engine serves it on
 * 127.0.0.1:8080 (or a free port when 8080 is taken, or {@code --demo-port}). Four requests through the
 * balancer show the round robin; then it keeps running until Ctrl-C.
 */
final class Demo {

    static final int DEFAULT_PORT = 8080;
    private static final int REQUESTS = 4;

    private final Console console;
    private final Map<String, String> env;
    private final int requestedPort;

    Demo(Console console, Map<String, String> env, int requestedPort) {
        this.console = console;
        this.env = env;
        this.requestedPort = requestedPort;
    }

    int run() {
        try (DemoBackend web01 = DemoBackend.start("web01"); DemoBackend web02 = DemoBackend.start("web02")) {
            int port = requestedPort > 0 ? requestedPort : choosePort();
            String cfg = configuration(port, web01.port(), web02.port());
            console.println("Ballast demo: two built-in web servers, web01 on 127.0.0.1:" + web01.port()
                    + " and web02 on 127.0.0.1:" + web02.port() + ", behind this configuration:");
            console.println("");
            console.out().print(cfg);
            console.println("");
            LoadedConfig loaded = Launcher.load(console, false,
                    () -> Launcher.withRulesChecked(ConfigLoader.withEnvironment(env).parse("demo.cfg", cfg)));
            if (loaded == null) {
                return 1;
            }
            Launcher.printDiagnostics(console, false, loaded.warnings());
            return new Runner(loaded.config(), console, null, false, ballast -> showRoundRobin(ballast, port), null, false)
                    .run();
        } catch (IOException e) {
            console.alert("demo: cannot start the built-in web servers: " + e.getMessage());
            return 1;
        }
    }

    private void showRoundRobin(Ballast ballast, int port) throws IOException {
        console.println("Ballast is listening on http://127.0.0.1:" + port + "/ ; " + REQUESTS
                + " requests through it:");
        for (int i = 1; i <= REQUESTS; i++) {
            Response r = get(port);
            String server = r.body.startsWith("Hello from ") ? r.body.substring("Hello from ".length()) : "?";
            console.println(String.format(Locale.ROOT, "  request %d: %s -> \"%s\"   answered by %s",
                    i, r.status, r.body, server));
        }
        console.println("");
        console.println("Try it yourself:  curl http://127.0.0.1:" + port + "/");
        console.println("Press Ctrl-C to stop.");
    }

    /** The walkthrough's configuration with the demo's addresses. */
    static String configuration(int port, int web01, int web02) {
        return String.join("\n",
                "global",
                "\tstats timeout 30s",
                "",
                "defaults",
                "\tlog\tglobal",
                "\tmode\thttp",
                "\toption\thttplog",
                "\toption\tdontlognull",
                "\tcontimeout 5000",
                "\tclitimeout 50000",
                "\tsrvtimeout 50000",
                "",
                "frontend haproxy_in",
                "\tbind 127.0.0.1:" + port,
                "\tdefault_backend haproxy_in",
                "",
                "backend haproxy_in",
                "\tmode http",
                "\tbalance roundrobin",
                "\tserver web01 127.0.0.1:" + web01 + " check",
                "\tserver web02 127.0.0.1:" + web02 + " check",
                "");
    }

    /** 8080 when it is free on 127.0.0.1, any free port otherwise. */
    private static int choosePort() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(loopback, DEFAULT_PORT));
            return DEFAULT_PORT;
        } catch (IOException taken) {
            try (ServerSocket any = new ServerSocket(0, 1, loopback)) {
                return any.getLocalPort();
            }
        }
    }

    private record Response(String status, String body) {
    }

    /** One HTTP/1.1 request on its own connection, so that each goes through the balancer afresh. */
    private static Response get(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: ballast-demo\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            String status = lines[0];
            int length = -1;
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    length = Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
            byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
            return new Response(status, new String(body, StandardCharsets.UTF_8).strip());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > 65536) {
                throw new IOException("response head too large");
            }
        }
        throw new IOException("connection closed before the response head (" + head.size() + " bytes read)");
    }
}
