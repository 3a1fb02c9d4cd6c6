package io.ballast.proxy;

import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;

/**
 * {@code capture cookie <name> len <length>}: the first request cookie (in the {@code Cookie} headers) and the
 * first response cookie (in the {@code Set-Cookie} headers) whose {@code name=value} starts with {@code <name>},
 * cut to {@code <length>} characters, for the log's {@code %CC} and {@code %CS}.
 *
 * <p>Cookies are read as HAProxy reads them: blanks around the name, the {@code =} and the value are dropped, a
 * quoted value may hold delimiters, a cookie without {@code =} and a request attribute starting with {@code $} are
 * skipped. A {@code Cookie} header lists cookies separated by {@code ;} or {@code ,}; a {@code Set-Cookie} header
 * holds one cookie, before its attributes. Immutable.
 */
final class CookieCapture {

    /** The longest capture: HAProxy's {@code tune.http.cookielen} default (64) less its terminating byte. */
    static final int MAX_LENGTH = 63;

    private final String prefix;
    private final int length;

    /**
     * @param prefix what the captured {@code name=value} starts with (end it with {@code =} for an exact name)
     * @param length the most characters kept, at most {@link #MAX_LENGTH}
     */
    CookieCapture(String prefix, int length) {
        this.prefix = prefix;
        this.length = Math.min(length, MAX_LENGTH);
    }

    /** The captured request cookie, or {@code null} when the request has none that matches. */
    String fromRequest(RequestView request) {
        for (int i = 0; i < request.headerCount(); i++) {
            if (request.headerName(i).equalsIgnoreCase("cookie")) {
                String found = scan(request.headerValue(i), true);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The captured response cookie, or {@code null} when the response sets none that matches. */
    String fromResponse(ResponseView response) {
        for (int i = 0; i < response.headerCount(); i++) {
            if (response.headerName(i).equalsIgnoreCase("set-cookie")) {
                String found = scan(response.headerValue(i), false);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * The first matching cookie of one header value.
     *
     * @param list whether the value lists cookies ({@code Cookie}); otherwise only its first cookie counts
     */
    private String scan(String header, boolean list) {
        int end = header.length();
        int pos = 0;
        while (pos < end) {
            int nameStart = skipBlanks(header, pos, end);
            int equal = nameStart;
            int nameEnd = nameStart;
            while (equal < end && !isNameDelimiter(header.charAt(equal), list)) {
                if (!isBlank(header.charAt(equal++))) {
                    nameEnd = equal;
                }
            }
            int next = equal;
            if (equal < end && header.charAt(equal) == '=') {
                int valueStart = skipBlanks(header, equal + 1, end);
                next = valueEnd(header, valueStart, end);
                int valueEnd = next;
                while (valueEnd > valueStart && isBlank(header.charAt(valueEnd - 1))) {
                    valueEnd--;
                }
                boolean attribute = list && nameStart < end && header.charAt(nameStart) == '$';
                if (!attribute) {
                    String cookie = header.substring(nameStart, nameEnd) + '='
                            + header.substring(valueStart, valueEnd);
                    if (cookie.startsWith(prefix)) {
                        return cookie.length() <= length ? cookie : cookie.substring(0, length);
                    }
                }
            }
            if (!list) {
                return null;
            }
            pos = next + 1;
        }
        return null;
    }

    private static boolean isNameDelimiter(char c, boolean list) {
        return c == '=' || c == ';' || (list && c == ',');
    }

    /** Where a value starting at {@code from} ends: at the first {@code ;} or {@code ,} outside double quotes. */
    private static int valueEnd(String s, int from, int end) {
        boolean quoted = false;
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ';' || c == ',') {
                return i;
            }
        }
        return end;
    }

    private static int skipBlanks(String s, int from, int end) {
        int i = from;
        while (i < end && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
