package io.ballast.proxy;

import java.util.List;

/**
 * How a configuration handles one request, from {@link Ballast#explain}: which frontend received it, every rule
 * reached with its condition's terms and what it did, the backend chosen and why, and the server it would go to.
 * {@link #toString()} is the report, one step per line.
 */
public final class Explanation {

    private final String frontend;
    private final String backend;
    private final String server;
    private final List<String> lines;

    Explanation(String frontend, String backend, String server, List<String> lines) {
        this.frontend = frontend;
        this.backend = backend;
        this.server = server;
        this.lines = List.copyOf(lines);
    }

    /** The frontend that received the request. */
    public String frontend() {
        return frontend;
    }

    /** The backend the request was routed to, or {@code null} when it was answered or refused before one was. */
    public String backend() {
        return backend;
    }

    /**
     * The server the request would be forwarded to, or {@code null} when Ballast answers it itself (a rule, a
     * 503 without backend or server, a 400 for a malformed request) or closes the connection.
     */
    public String server() {
        return server;
    }

    /** The report, one step per line, ending with the outcome. */
    @Override
    public String toString() {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }
}
