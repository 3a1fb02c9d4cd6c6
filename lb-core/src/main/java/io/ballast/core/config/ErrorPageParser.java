package io.ballast.core.config;

import io.ballast.core.request.ReasonPhrases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keywords that set error pages: {@code errorfile <code> <file>} (in proxies and {@code http-errors}
 * sections), {@code errorfiles <name> [<code> ...]} and {@code http-error status <code> ...}. Errors are thrown
 * as {@link IllegalArgumentException}s in HAProxy's words.
 */
final class ErrorPageParser {

    /** HTTP status codes that error pages may replace (HAProxy 2.6). */
    static final Set<Integer> ERROR_CODES = Set.of(200, 400, 401, 403, 404, 405, 407, 408, 410, 413, 425, 429, 500,
            501, 502, 503, 504);

    private static final Set<String> PAYLOADS = Set.of("default-errorfiles", "errorfile", "errorfiles", "file",
            "lf-file", "string", "lf-string");

    private ErrorPageParser() {
    }

    /** {@code errorfile <code> <file>}: the file is a complete HTTP response, read now. */
    static ErrorFile errorFile(Directive d) {
        if (d.size() != 3) {
            throw new IllegalArgumentException(d.size() < 3 ? "expects '<status code> <file>'"
                    : "unexpected argument '" + d.arg(3) + "' (expects '<status code> <file>')");
        }
        int code = code(d.arg(1));
        if (!ERROR_CODES.contains(code)) {
            throw new IllegalArgumentException("status code '" + d.arg(1) + "' not handled; expects one of "
                    + new TreeSet<>(ERROR_CODES));
        }
        return responseFile(code, d.arg(2));
    }

    /** {@code errorfiles <name> [<code> ...]}. */
    static ErrorPageLine errorFiles(Directive d) {
        if (d.size() < 2) {
            throw new IllegalArgumentException("expects <name> as argument.");
        }
        List<Integer> codes = new ArrayList<>();
        for (int i = 2; i < d.size(); i++) {
            int code = code(d.arg(i));
            if (!ERROR_CODES.contains(code)) {
                throw new IllegalArgumentException("status code '" + d.arg(i) + "' not handled.");
            }
            codes.add(code);
        }
        return ErrorPageLine.reference(d.arg(1), codes, d.location());
    }

    /**
     * {@code http-error status <code> [content-type <type>] [default-errorfiles | errorfile <file> | errorfiles
     * <name> | file <file> | string <str>] [hdr <name> <value>]*}. Log-format payloads and headers
     * ({@code lf-string}, {@code lf-file}, a {@code hdr} value with {@code %}) are refused: an error page is made
     * once, without a request to format.
     */
    static ErrorPageLine httpError(Directive d) {
        if (d.size() < 3 || !d.arg(1).equals("status")) {
            throw new IllegalArgumentException("expects at least a <status> as arguments.");
        }
        int status = code(d.arg(2));
        if (!ERROR_CODES.contains(status)) {
            throw new IllegalArgumentException("Unexpected status code '" + d.arg(2) + "'");
        }
        String contentType = null;
        String payload = null;
        String value = null;
        List<String[]> headers = new ArrayList<>();
        int i = 3;
        while (i < d.size()) {
            String kw = d.arg(i);
            if (kw.equals("content-type")) {
                contentType = argument(d, i, "<type>");
                i += 2;
            } else if (kw.equals("hdr")) {
                if (d.arg(i + 1) == null || d.arg(i + 2) == null) {
                    throw new IllegalArgumentException("'hdr' expects <name> and <value> as arguments");
                }
                if (d.arg(i + 2).indexOf('%') >= 0) {
                    throw new IllegalArgumentException("log-format header values ('hdr " + d.arg(i + 1) + " "
                            + d.arg(i + 2) + "') are not supported yet in error pages; write the value without '%'");
                }
                headers.add(new String[] {d.arg(i + 1), d.arg(i + 2)});
                i += 3;
            } else if (PAYLOADS.contains(kw)) {
                if (payload != null) {
                    throw new IllegalArgumentException("unexpected '" + kw + "' argument, '" + payload
                            + "' already defined");
                }
                payload = kw;
                if (kw.equals("lf-string") || kw.equals("lf-file")) {
                    throw new IllegalArgumentException("'" + kw + "' is not supported yet in error pages, which "
                            + "are made once without a request to format; use '" + kw.substring(3) + "'");
                }
                if (kw.equals("default-errorfiles")) {
                    i++;
                } else {
                    value = argument(d, i, kw.equals("errorfiles") ? "<name>" : kw.equals("string") ? "<str>"
                            : "<file>");
                    i += 2;
                }
            } else {
                throw new IllegalArgumentException("unknown keyword '" + kw + "'.");
            }
        }
        if (payload != null && !payload.equals("string") && !payload.equals("file")) {
            return switch (payload) {
                case "default-errorfiles" -> ErrorPageLine.builtIn(status, d.location());
                case "errorfiles" -> ErrorPageLine.reference(value, List.of(status), d.location());
                default -> ErrorPageLine.page(responseFile(status, value), d.location());
            };
        }
        byte[] body = payload == null ? new byte[0] : payload.equals("string")
                ? value.getBytes(StandardCharsets.ISO_8859_1) : read(value, "http-error", status);
        if (body.length > 0 && contentType == null) {
            throw new IllegalArgumentException("a content type must be defined when non-empty payload is configured");
        }
        return ErrorPageLine.page(new ErrorFile(status, "http-error " + status, response(status, contentType, body,
                headers)), d.location());
    }

    /** The response HAProxy 2.6 makes for an {@code http-error}: the headers, then the length and type. */
    private static byte[] response(int status, String contentType, byte[] body, List<String[]> headers) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
                .append(ReasonPhrases.reason(status)).append("\r\n");
        for (String[] h : headers) {
            head.append(h[0].toLowerCase(Locale.ROOT)).append(": ").append(h[1]).append("\r\n");
        }
        head.append("content-length: ").append(body.length).append("\r\n");
        if (contentType != null && body.length > 0) {
            head.append("content-type: ").append(contentType).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String argument(Directive d, int i, String what) {
        String v = d.arg(i + 1);
        if (v == null) {
            throw new IllegalArgumentException("'" + d.arg(i) + "' expects " + what + " as argument");
        }
        return v;
    }

    /** A file holding a complete HTTP response, checked as HAProxy checks error files. */
    private static ErrorFile responseFile(int code, String file) {
        byte[] content = read(file, "custom error message", code);
        String problem = ErrorFile.problem(content);
        if (problem != null) {
            throw new IllegalArgumentException("'" + file + "': " + problem);
        }
        return new ErrorFile(code, file, content);
    }

    private static byte[] read(String file, String what, int code) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "Permission denied" : e.toString();
            throw new IllegalArgumentException("error opening file '" + file + "' for " + what + " <" + code + ">: "
                    + reason);
        }
    }

    private static int code(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
