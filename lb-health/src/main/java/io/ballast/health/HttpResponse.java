package io.ballast.health;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parts of an HTTP/1 response a check looks at: status, reason and (raw) body.
 *
 * @param status the status code
 * @param reason the reason phrase
 * @param body   the body bytes received, as ISO-8859-1 text (chunk framing is not removed)
 */
record HttpResponse(int status, String reason, String body) {

    /** A response that could not be parsed. */
    static final HttpResponse MALFORMED = new HttpResponse(-1, "", "");

    /**
     * Parses what was received.
     *
     * @param data     the bytes received (not consumed)
     * @param closed   whether no more bytes can come
     * @param needBody whether the caller needs the complete body, not only the head
     * @return the response, {@link #MALFORMED}, or {@code null} when more bytes are needed
     */
    static HttpResponse parse(ByteBuf data, boolean closed, boolean needBody) {
        String text = data.toString(StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        int bodyStart = headEnd + 4;
        if (headEnd < 0) {
            headEnd = text.indexOf("\n\n");
            bodyStart = headEnd + 2;
        }
        if (headEnd < 0) {
            return closed || (text.length() >= 5 && !text.startsWith("HTTP/")) ? MALFORMED : null;
        }
        int lineEnd = text.indexOf('\n');
        String statusLine = text.substring(0, lineEnd).strip();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
            return MALFORMED;
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return MALFORMED;
        }
        String reason = parts.length == 3 ? parts[2] : "";
        String body = text.substring(bodyStart);
        if (needBody && !closed && !complete(text.substring(0, headEnd), body, status)) {
            return null;
        }
        return new HttpResponse(status, reason, body);
    }

    /** Whether {@code body} is all of it, judging from the head's framing. */
    private static boolean complete(String head, String body, int status) {
        if (status < 200 || status == 204 || status == 304) {
            return true;
        }
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-length")) {
                try {
                    return body.length() >= Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return true;
                }
            }
            if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                return body.endsWith("0\r\n\r\n");
            }
        }
        return false; // delimited by the close
    }
}
