package io.ballast.proxy;

import io.ballast.core.config.ErrorFile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The responses Ballast generates itself: a proxy's {@code errorfile}s where configured, otherwise
 * HAProxy's built-in pages. Each page is encoded once into a shared read-only buffer.
 */
final class ErrorPages {

    private static final Map<Integer, String[]> BUILT_IN = Map.ofEntries(
            Map.entry(200, new String[] {"OK", "Service ready."}),
            Map.entry(400, new String[] {"Bad request", "Your browser sent an invalid request."}),
            Map.entry(401, new String[] {"Unauthorized", "You need a valid user and password to access this content."}),
            Map.entry(403, new String[] {"Forbidden", "Request forbidden by administrative rules."}),
            Map.entry(404, new String[] {"Not Found", "The resource could not be found."}),
            Map.entry(405, new String[] {"Method Not Allowed",
                    "A request was made of a resource using a request method not supported by that resource"}),
            // HAProxy 2.6 words 407 like 401.
            Map.entry(407, new String[] {"Unauthorized", "You need a valid user and password to access this content."}),
            Map.entry(408, new String[] {"Request Time-out", "Your browser didn't send a complete request in time."}),
            Map.entry(410, new String[] {"Gone",
                    "The resource is no longer available and will not be available again."}),
            Map.entry(413, new String[] {"Payload Too Large", "The request entity exceeds the maximum allowed."}),
            Map.entry(414, new String[] {"URI Too Long", "The request URI exceeds the maximum allowed."}),
            Map.entry(425, new String[] {"Too Early", "Your browser sent early data."}),
            Map.entry(429, new String[] {"Too Many Requests",
                    "You have sent too many requests in a given amount of time."}),
            Map.entry(431, new String[] {"Request Header Fields Too Large",
                    "The request header fields exceed the maximum allowed."}),
            Map.entry(500, new String[] {"Internal Server Error", "An internal server error occurred."}),
            // The leading dot is HAProxy 2.6's.
            Map.entry(501, new String[] {"Not Implemented",
                    ".The server does not support the functionality required to fulfill the request."}),
            Map.entry(502, new String[] {"Bad Gateway", "The server returned an invalid or incomplete response."}),
            Map.entry(503, new String[] {"Service Unavailable", "No server is available to handle this request."}),
            Map.entry(504, new String[] {"Gateway Time-out", "The server didn't respond in time."}),
            Map.entry(505, new String[] {"HTTP Version Not Supported", "This HTTP version is not supported."}));

    /** Pages that end the connection: built-in ones say {@code connection: close}. */
    private final Map<Integer, ByteBuf> closing = new HashMap<>();
    /** The same pages for a connection that stays open ({@code http-request deny}). */
    private final Map<Integer, ByteBuf> keepingAlive = new HashMap<>();

    /** Pages from {@code primary} first, then {@code fallback}, then the built-in ones. */
    ErrorPages(Map<Integer, ErrorFile> primary, Map<Integer, ErrorFile> fallback) {
        for (int status : BUILT_IN.keySet()) {
            ErrorFile file = primary.getOrDefault(status, fallback.get(status));
            closing.put(status, shared(file != null ? file.content() : builtIn(status, true)));
            keepingAlive.put(status, shared(file != null ? file.content() : builtIn(status, false)));
        }
    }

    /** Whether Ballast has a page for {@code status}. */
    static boolean has(int status) {
        return BUILT_IN.containsKey(status);
    }

    /** The page for {@code status} before closing the connection (a fresh view each call). */
    ByteBuf page(int status) {
        ByteBuf page = closing.get(status);
        return (page != null ? page : closing.get(500)).duplicate();
    }

    /** The page for {@code status} on a connection that stays open (a fresh view each call). */
    ByteBuf keepAlivePage(int status) {
        ByteBuf page = keepingAlive.get(status);
        return (page != null ? page : keepingAlive.get(500)).duplicate();
    }

    /** A heap buffer the garbage collector frees; written as duplicates, never released. */
    private static ByteBuf shared(byte[] bytes) {
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly());
    }

    private static byte[] builtIn(int status, boolean close) {
        String[] text = BUILT_IN.get(status);
        String body = "<html><body><h1>" + status + " " + text[0] + "</h1>\n" + text[1] + "\n</body></html>\n";
        String head = "HTTP/1.1 " + status + " " + text[0] + "\r\n"
                + "content-length: " + body.length() + "\r\n"
                + "cache-control: no-cache\r\n"
                + "content-type: text/html\r\n"
                + (close ? "connection: close\r\n" : "") + "\r\n";
        return (head + body).getBytes(StandardCharsets.ISO_8859_1);
    }
}
