package io.ballast.health;

import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Turns connect failures into HAProxy's {@code info} text, which is the bare {@code strerror()} message
 * ({@code Connection refused}), without what the JDK and Netty add around it
 * ({@code finishConnect(..) failed: Connection refused: /127.0.0.1:8080}).
 */
final class ConnectErrors {

    private ConnectErrors() {
    }

    /** strerror() texts of the errors a connect can end with, by errno (Linux numbering). */
    private static final java.util.Map<Integer, String> STRERROR = java.util.Map.of(
            2, "No such file or directory",
            13, "Permission denied",
            101, "Network is unreachable",
            104, "Connection reset by peer",
            110, "Connection timed out",
            111, "Connection refused",
            113, "No route to host");

    private static final java.util.regex.Pattern NATIVE_ERROR = java.util.regex.Pattern.compile("failed with error\\((-?\\d+)\\)");

    /** The bare error text of {@code cause}, or its class name when it has no message. */
    static String info(Throwable cause) {
        if (cause == null) {
            return null;
        }
        String msg = cause.getMessage();
        // Netty's native transport reports "finishConnect(..) failed with error(-111)": name the errno as libc does.
        java.util.regex.Matcher errno = msg == null ? null : NATIVE_ERROR.matcher(msg);
        if (errno != null && errno.find()) {
            String text = STRERROR.get(Math.abs(Integer.parseInt(errno.group(1))));
            if (text != null) {
                return text;
            }
        }
        if (msg == null || msg.isBlank()) {
            if (cause instanceof FileNotFoundException) {
                return "No such file or directory"; // ENOENT from a UNIX socket connect
            }
            return cause instanceof UnresolvedAddressException ? "Unresolved address" : cause.getClass().getSimpleName();
        }
        int failed = msg.lastIndexOf("failed: ");
        if (failed >= 0) {
            msg = msg.substring(failed + "failed: ".length());
        }
        int annotation = msg.indexOf(": ");
        if (annotation > 0 && (cause instanceof ConnectException || cause instanceof NoRouteToHostException)) {
            msg = msg.substring(0, annotation);
        }
        return msg.strip();
    }

    /** Whether the failure happened before any connection attempt (no socket, bad address). */
    static boolean isSocketError(Throwable cause) {
        return !(cause instanceof java.io.IOException);
    }
}
