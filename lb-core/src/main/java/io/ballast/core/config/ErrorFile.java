package io.ballast.core.config;

import java.util.Arrays;

/**
 * An {@code errorfile <code> <file>}: a complete raw HTTP response, read when the configuration is loaded.
 *
 * @param status  the status it replaces
 * @param path    the file it was read from
 * @param content the raw response bytes (status line, headers, blank line, body)
 */
public record ErrorFile(int status, String path, byte[] content) {

    /** Copies {@code content} so that the record stays immutable. */
    public ErrorFile {
        content = content.clone();
    }

    /** The raw response bytes (a copy). */
    @Override
    public byte[] content() {
        return content.clone();
    }

    /**
     * Why {@code content} is not an HTTP/1 response head as HAProxy 2.6 requires of an error file, in HAProxy's
     * words, or {@code null} when it is one: a status line {@code HTTP/1.x NNN [reason]}, header lines, then an
     * empty line (CRLF or LF line ends).
     */
    static String problem(byte[] content) {
        String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
        String prefix = "HTTP/";
        for (int i = 0; i < prefix.length(); i++) {
            if (i >= text.length() || text.charAt(i) != prefix.charAt(i)) {
                return offset(i >= text.length() ? -2 : i);
            }
        }
        int sp = text.indexOf(' ');
        int eol = text.indexOf('\n');
        if (sp < 0 || (eol >= 0 && eol < sp)) {
            return offset(eol < 0 ? -2 : eol);
        }
        for (int i = sp + 1; i <= sp + 3; i++) {
            if (i >= text.length() || text.charAt(i) < '0' || text.charAt(i) > '9') {
                return offset(i >= text.length() ? -2 : i);
            }
        }
        int after = sp + 4;
        if (after < text.length() && " \r\n".indexOf(text.charAt(after)) < 0) {
            return offset(after);
        }
        String version = text.substring(0, sp);
        if (!version.matches("HTTP/1\\.[0-9]")) {
            return "invalid http version (" + version + ")";
        }
        int start = eol + 1;
        while (eol >= 0) {
            eol = text.indexOf('\n', start);
            if (eol < 0) {
                break;
            }
            String line = text.substring(start, eol > start && text.charAt(eol - 1) == '\r' ? eol - 1 : eol);
            if (line.isEmpty()) {
                return null;
            }
            if (!line.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+:.*")) {
                return offset(start);
            }
            start = eol + 1;
        }
        return offset(-2);
    }

    private static String offset(int at) {
        return "unable to parse headers (error offset: " + at + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorFile e && e.status == status && e.path.equals(path) && Arrays.equals(e.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * status + path.hashCode()) + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "ErrorFile[" + status + " " + path + ", " + content.length + " bytes]";
    }
}
