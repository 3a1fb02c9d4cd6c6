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
