package io.ballast.core.request;

import java.util.Map;

/** The reason phrases Ballast writes with the statuses it generates, as HAProxy words them. */
public final class ReasonPhrases {

    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"),
            Map.entry(204, "No Content"), Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"),
            Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"),
            Map.entry(308, "Permanent Redirect"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(407, "Proxy Authentication Required"), Map.entry(408, "Request Timeout"),
            Map.entry(410, "Gone"), Map.entry(413, "Payload Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(421, "Misdirected Request"), Map.entry(425, "Too Early"),
            Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
            Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"));

    private ReasonPhrases() {
    }

    /** The reason phrase for {@code status}; for a code without its own, the phrase of its class, as HAProxy. */
    public static String reason(int status) {
        String reason = REASONS.get(status);
        if (reason != null) {
            return reason;
        }
        return switch (status / 100) {
            case 1 -> "Informational";
            case 2 -> "Success";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            default -> "Other";
        };
    }
}
