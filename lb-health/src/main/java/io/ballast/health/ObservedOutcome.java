package io.ballast.health;

/**
 * The outcome of one exchange of real traffic with a server, as the proxy engine reports it to
 * {@link HealthChecks#reportOutcome} for {@code observe layer4|layer7} ({@code check.c}, {@code analyze_statuses}).
 * Under {@code observe layer4} only connection outcomes count; under {@code observe layer7} failed connections
 * and HTTP responses count, and established connections are ignored.
 */
public enum ObservedOutcome {
    /** The connection to the server was established. */
    L4_OK("L4 successful connection", 2, 0),
    /** The connection to the server failed. */
    L4_ERROR("L4 unsuccessful connection", 1, 1),
    /** A valid response: status 100 to 499, 501 or 505 (see {@link #ofStatus}). */
    HTTP_OK("Correct http response", 0, 2),
    /** A response with a server-error status. */
    HTTP_STATUS("Wrong http response", 0, 1),
    /** A response whose head could not be parsed. */
    HTTP_INVALID("Invalid http response (headers)", 0, 1),
    /** Reading the response failed. */
    HTTP_READ_ERROR("Read error (http)", 0, 1),
    /** The response did not come in time ({@code timeout server}). */
    HTTP_READ_TIMEOUT("Read timeout (http)", 0, 1),
    /** The server closed before the response was complete. */
    HTTP_BROKEN_PIPE("Close from server (http)", 0, 1);

    private final String description;
    private final int layer4;
    private final int layer7;

    ObservedOutcome(String description, int layer4, int layer7) {
        this.description = description;
        this.layer4 = layer4;
        this.layer7 = layer7;
    }

    /**
     * The outcome of a response with {@code status}: valid for 100 to 499, 501 and 505 (which clients cause),
     * else a wrong status, as HAProxy's {@code http_ana.c} decides.
     */
    public static ObservedOutcome ofStatus(int status) {
        return status >= 100 && (status < 500 || status == 501 || status == 505) ? HTTP_OK : HTTP_STATUS;
    }

    /** How HAProxy's logs name it ({@code last one was: Wrong http response}). */
    String description() {
        return description;
    }

    /** 1 when it counts as an error, 2 as a success, 0 when ignored, under {@code observe layer4} or {@code layer7}. */
    int effect(boolean layer7Observed) {
        return layer7Observed ? layer7 : layer4;
    }
}
