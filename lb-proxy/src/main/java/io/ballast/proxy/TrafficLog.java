package io.ballast.proxy;

import io.ballast.core.server.Server;
import io.ballast.proxy.log.AccessLogger;
import io.ballast.proxy.log.ExchangeLog;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A client connection's traffic log: what {@link ClientSession} tells it at each step of an exchange, turned into
 * HAProxy's timers, counters and termination state ({@link ExchangeLog}) and written by the frontend's
 * {@link AccessLogger} when the exchange ends. A frontend without log targets gets {@link #OFF}, whose calls do
 * nothing, so the session needs no checks of its own.
 */
final class TrafficLog {

    /** For frontends that log nowhere. */
    static final TrafficLog OFF = new TrafficLog();

    private final AccessLogger logger;
    private final ExchangeLog x;
    /** Whether an exchange is under way: the request's first byte arrived (or a TCP connection was accepted). */
    private boolean inExchange;
    private boolean terminated;
    /** Whether the exchange's backend (and server) are recorded. */
    private boolean routed;

    private TrafficLog() {
        this.logger = null;
        this.x = null;
    }

    private TrafficLog(AccessLogger logger) {
        this.logger = logger;
        this.x = new ExchangeLog();
    }

    /** The log of a new connection to {@code frontend}: records the accept and writes the default accept line. */
    static TrafficLog accepted(FrontendRuntime frontend, SocketAddress client, SocketAddress local) {
        if (frontend.accessLog == null) {
            return OFF;
        }
        TrafficLog log = new TrafficLog(frontend.accessLog);
        log.x.connection(frontend.config.name(), false, inet(client), inet(local));
        log.x.begin(System.currentTimeMillis(), System.nanoTime());
        frontend.accessLog.accepted(log.x);
        return log;
    }

    private static InetSocketAddress inet(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i : null;
    }

    /** A TCP-mode connection is one exchange from its accept, data or not. */
    void tcpSessionStarted() {
        inExchange = x != null;
    }

    void bytesFromClient(int n) {
        if (x != null) {
            x.addBytesFromClient(n);
            if (!inExchange) {
                inExchange = true;
                x.requestStarted(System.nanoTime());
            }
        }
    }

    void bytesToClient(long n) {
        if (x != null) {
            x.addBytesToClient(n);
        }
    }

    /** The request head is parsed. */
    void requestParsed(HttpHead request) {
        if (x != null) {
            x.requestReceived(System.nanoTime());
            x.request(request.method(), request.uri(), request.version() == HttpHead.HTTP_1_1 ? "HTTP/1.1" : "HTTP/1.0");
        }
    }

    /** A server slot was taken (after the queue, if any), or another one on a redispatch. */
    void serverTaken(Route route, Server server) {
        if (x != null) {
            routed = true;
            x.route(route.backend.config().name(), server.name());
            x.queues(0, route.backend.queue.size());
            x.leftQueue(System.nanoTime());
        }
    }

    /** The exchange's captured values, for {@code %hr}/{@code %hs}. */
    void captures(String[] request, String[] response) {
        if (x != null) {
            x.captures(request, response);
        }
    }

    /** The server connection is established or a pooled one taken ({@code %bi:%bp}, {@code %si:%sp}). */
    void serverConnected(io.netty.channel.Channel server) {
        if (x != null) {
            x.serverConnected(System.nanoTime());
            x.serverAddresses(inet(server.localAddress()), inet(server.remoteAddress()));
        }
    }

    /** The response head goes to the client: its status and size. */
    void responseHead(int status, int headBytes) {
        if (x != null) {
            x.responseReceived(System.nanoTime(), status);
            x.addBytesToClient(headBytes);
        }
    }

    /**
     * A rule answered ({@code deny}, {@code redirect}, {@code return}, {@code auth}, {@code tarpit}): the proxy
     * whose rule it was logs as backend with {@code <NOSRV>}.
     *
     * @param proxyName that proxy's name, or {@code null} to keep the route already recorded (a response rule
     *                  replaced the server's answer)
     */
    void answeredLocally(String proxyName, int status, char cause, char phase, int bytes) {
        if (x != null) {
            if (proxyName != null) {
                routed = true;
                x.route(proxyName, null);
            }
            x.status(status);
            x.addBytesToClient(bytes);
            terminated(cause, phase);
        }
    }

    /**
     * Ballast answered with an error page ({@code %B} stays as HAProxy counts it: 0 for such pages). An exchange
     * that got no server logs {@code <backend>/<NOSRV>}, or the frontend itself when no backend was chosen.
     */
    void answered(int status, String backendName) {
        if (x != null) {
            x.status(status);
            if (!routed) {
                routed = true;
                x.route(backendName, null);
            }
        }
    }

    /** The exchange ended abnormally. The first reason given wins. */
    void terminated(char cause, char phase) {
        if (x != null && inExchange && !terminated) {
            terminated = true;
            x.terminated(cause, phase);
        }
    }

    /** Writes the exchange's line, if one was under way, and starts recording the next one on this connection. */
    void exchangeEnded(FrontendRuntime frontend, Route route, int retries, boolean redispatched) {
        if (x == null || !inExchange) {
            return;
        }
        int backendLoad = 0;
        if (route != null) {
            for (Server s : route.backend.backend().servers()) {
                backendLoad += s.inFlight();
            }
        }
        x.retries(retries, redispatched);
        x.counters(frontend.connections.globalCurrent(), frontend.connections.current(), backendLoad, 0);
        long now = System.nanoTime();
        x.closed(now);
        logger.ended(x);
        x.begin(System.currentTimeMillis(), now);
        inExchange = false;
        terminated = false;
        routed = false;
    }
}
