package io.ballast.core.config;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@code retry-on}: which failures a backend retries, up to {@code retries} times. Anything beyond
 * {@code conn-failure} replays a request that already reached a server, so it applies only to requests kept whole
 * (see the engine); as in HAProxy, the method does not matter.
 *
 * @param connFailure     a connection to the server could not be established ({@code conn-failure}, the default)
 * @param emptyResponse   the server closed or failed before a complete response head ({@code empty-response})
 * @param junkResponse    the server's response head was invalid ({@code junk-response})
 * @param responseTimeout {@code timeout server} expired before the response head ({@code response-timeout})
 * @param statuses        response statuses that are retried
 */
public record RetryOn(boolean connFailure, boolean emptyResponse, boolean junkResponse, boolean responseTimeout,
                      Set<Integer> statuses) {

    /** HAProxy's default: connection failures only. */
    public static final RetryOn DEFAULT = new RetryOn(true, false, false, false, Set.of());

    /** The statuses {@code retry-on} accepts (HAProxy 2.6). */
    static final Set<Integer> STATUSES = Set.of(401, 403, 404, 408, 425, 500, 501, 502, 503, 504);

    /** Copies {@code statuses} so that the record stays immutable. */
    public RetryOn {
        statuses = Set.copyOf(statuses);
    }

    /** Whether a request is replayed once it reached a server: then it must be kept until its response starts. */
    public boolean retriesSentRequests() {
        return emptyResponse || junkResponse || responseTimeout || !statuses.isEmpty();
    }

    /**
     * Parses the keywords of a {@code retry-on} line (without the keyword itself).
     *
     * @throws IllegalArgumentException in HAProxy's words
     */
    static RetryOn parse(java.util.List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("'retry-on' needs at least one keyword to specify when to retry");
        }
        if (words.contains("none")) {
            if (words.size() > 1) {
                throw new IllegalArgumentException("'retry-on' 'none' keyworld only usable alone");
            }
            return new RetryOn(false, false, false, false, Set.of());
        }
        boolean conn = false;
        boolean empty = false;
        boolean junk = false;
        boolean timeout = false;
        Set<Integer> statuses = new LinkedHashSet<>();
        for (String w : words) {
            switch (w) {
                case "conn-failure" -> conn = true;
                case "empty-response" -> empty = true;
                case "junk-response" -> junk = true;
                case "response-timeout" -> timeout = true;
                case "0rtt-rejected" -> { } // TLS early data: Ballast never sends any
                case "all-retryable-errors" -> {
                    conn = true;
                    empty = true;
                    junk = true;
                    timeout = true;
                    statuses.addAll(Set.of(500, 502, 503, 504));
                }
                default -> {
                    int status = w.matches("[0-9]{3}") ? Integer.parseInt(w) : -1;
                    if (!STATUSES.contains(status)) {
                        throw new IllegalArgumentException("'retry-on': unknown keyword '" + w + "'");
                    }
                    statuses.add(status);
                }
            }
        }
        return new RetryOn(conn, empty, junk, timeout, statuses);
    }
}
