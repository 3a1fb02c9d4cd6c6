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

    private static final Map<Integer, String[]> BUILT_IN = Map.of(
            400, new String[] {"Bad request", "Your browser sent an invalid request."},
            403, new String[] {"Forbidden", "Request forbidden by administrative rules."},
            408, new String[] {"Request Time-out", "Your browser didn't send a complete request in time."},
            413, new String[] {"Payload Too Large", "The request entity exceeds the maximum allowed."},
            414, new String[] {"URI Too Long", "The request URI exceeds the maximum allowed."},
            431, new String[] {"Request Header Fields Too Large", "The request header fields exceed the maximum allowed."},
            500, new String[] {"Internal Server Error", "An internal server error occurred."},
            502, new String[] {"Bad Gateway", "The server returned an invalid or incomplete response."},
            503, new String[] {"Service Unavailable", "No server is available to handle this request."},
            504, new String[] {"Gateway Time-out", "The server didn't respond in time."});
    private static final String[] VERSION_NOT_SUPPORTED = {"HTTP Version Not Supported", "This HTTP version is not supported."};

    private final Map<Integer, ByteBuf> pages = new HashMap<>();

    /** Pages from {@code primary} first, then {@code fallback}, then the built-in ones. */
    ErrorPages(Map<Integer, ErrorFile> primary, Map<Integer, ErrorFile> fallback) {
        for (int status : new int[] {400, 403, 408, 413, 414, 431, 500, 502, 503, 504, 505}) {
            ErrorFile file = primary.getOrDefault(status, fallback.get(status));
            byte[] bytes = file != null ? file.content() : builtIn(status);
            // A heap buffer the garbage collector frees; written as duplicates, never released.
            pages.put(status, Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(bytes).asReadOnly()));
        }
    }

    /** The page for {@code status}, ready to write (a fresh view each call). */
    ByteBuf page(int status) {
        ByteBuf page = pages.get(status);
        return (page != null ? page : pages.get(500)).duplicate();
    }

    private static byte[] builtIn(int status) {
        String[] text = BUILT_IN.getOrDefault(status, VERSION_NOT_SUPPORTED);
        String body = "<html><body><h1>" + status + " " + text[0] + "</h1>\n" + text[1] + "\n</body></html>\n";
        String head = "HTTP/1.1 " + status + " " + text[0] + "\r\n"
                + "content-length: " + body.length() + "\r\n"
                + "cache-control: no-cache\r\n"
                + "content-type: text/html\r\n"
                + "connection: close\r\n\r\n";
        return (head + body).getBytes(StandardCharsets.ISO_8859_1);
    }
}
