package io.ballast.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A CGI script that makes Apache report what it received, so a test sees the request as the proxy forwarded
 * it: every path is answered by the script with a {@code text/plain} body
 *
 * <pre>
 * server=web01
 * method=GET
 * uri=/path?query          (REQUEST_URI: the request target as received)
 * protocol=HTTP/1.1
 * content_type=...         (CONTENT_TYPE and CONTENT_LENGTH, which CGI keeps out of HTTP_*)
 * content_length=...
 * HTTP_HOST=example.com    (every HTTP_* variable, sorted; Apache joins repeated headers with ", ")
 * </pre>
 *
 * <p>Paths under {@code /sha256} answer with the hex SHA-256 of the request body alone. Paths under
 * {@code /missing} answer {@code 404} with {@code X-Missing: yes}. Every answer also carries
 * {@code X-Served-By}, {@code Cache-Control: no-cache, private} and {@code X-Powered-By: echo-cgi}, for
 * {@code http-response} rules to act on, and a request with an {@code X-Set-Cookie} header gets a
 * {@code Set-Cookie} header with its value.
 */
final class EchoCgi {
    static final String MISSING_PREFIX = "/missing";
    /** Paths under it are answered with the SHA-256 of the request body (hex), and nothing else. */
    static final String DIGEST_PREFIX = "/sha256";

    private EchoCgi() {
    }

    /**
     * Writes the script for server {@code name} under {@code serverRoot/cgi-bin} and returns the httpd.conf
     * lines that send every path to it. Under mpm_event the CGI daemon (mod_cgid) is needed.
     */
    static String install(Path serverRoot, String name, String mpm, boolean root) {
        try {
            Path cgiBin = Files.createDirectories(serverRoot.resolve("cgi-bin"));
            Path script = Files.writeString(cgiBin.resolve("echo.cgi"), script(name));
            // executable by Apache's children, which run as www-data when the tests run as root
            Files.setPosixFilePermissions(cgiBin, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            StringBuilder c = new StringBuilder();
            if (mpm.equals("mpm_prefork")) {
                c.append(module("cgi"));
            } else {
                c.append(module("cgid"));
                c.append("ScriptSock \"").append(serverRoot.resolve("run/cgid.sock")).append("\"\n");
            }
            c.append(module("alias"));
            c.append("ScriptAliasMatch \"^/.*$\" \"").append(script).append("\"\n");
            c.append("<Directory \"").append(cgiBin).append("\">\n  Require all granted\n</Directory>\n");
            return c.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String module(String m) {
        return "LoadModule " + m + "_module " + ApacheServer.MODULES.resolve("mod_" + m + ".so") + "\n";
    }

    private static String script(String name) {
        return String.join("\n",
                "#!/bin/sh",
                "case \"$REQUEST_URI\" in",
                "  " + DIGEST_PREFIX + "*) printf 'Content-Type: text/plain\\r\\n\\r\\n'; sha256sum | cut -d' ' -f1; exit 0 ;;",
                "  " + MISSING_PREFIX + "*) printf 'Status: 404 Not Found\\r\\nX-Missing: yes\\r\\n' ;;",
                "esac",
                "printf 'Content-Type: text/plain\\r\\nX-Served-By: %s\\r\\nCache-Control: no-cache, private\\r\\n' '" + name + "'",
                "if [ -n \"$HTTP_X_SET_COOKIE\" ]; then printf 'Set-Cookie: %s\\r\\n' \"$HTTP_X_SET_COOKIE\"; fi",
                "printf 'X-Powered-By: echo-cgi\\r\\n\\r\\n'",
                "printf 'server=%s\\n' '" + name + "'",
                "printf 'method=%s\\nuri=%s\\nprotocol=%s\\n' \"$REQUEST_METHOD\" \"$REQUEST_URI\" \"$SERVER_PROTOCOL\"",
                "printf 'content_type=%s\\ncontent_length=%s\\n' \"$CONTENT_TYPE\" \"$CONTENT_LENGTH\"",
                "env | grep '^HTTP_' | LC_ALL=C sort",
                "if [ -n \"$CONTENT_LENGTH\" ]; then head -c \"$CONTENT_LENGTH\" >/dev/null; fi",
                "");
    }

    /** What the backend received, parsed from the script's answer. */
    record Received(String server, String requestLine, String contentType, String contentLength,
            SortedMap<String, String> headers) {

        /** The report in {@code body}, or empty if the body is not one (the proxy answered by itself). */
        static Optional<Received> parse(String body) {
            if (!body.startsWith("server=")) {
                return Optional.empty();
            }
            Map<String, String> fields = new TreeMap<>();
            SortedMap<String, String> headers = new TreeMap<>();
            for (String line : body.split("\n")) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    continue;
                }
                String key = line.substring(0, eq);
                (key.startsWith("HTTP_") ? headers : fields).put(key, line.substring(eq + 1));
            }
            String requestLine = fields.get("method") + " " + fields.get("uri") + " " + fields.get("protocol");
            return Optional.of(new Received(fields.get("server"), requestLine, fields.get("content_type"),
                    fields.get("content_length"), headers));
        }
    }
}
