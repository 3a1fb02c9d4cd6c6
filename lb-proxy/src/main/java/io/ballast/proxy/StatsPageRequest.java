package io.ballast.proxy;

import java.util.Set;

/**
 * What a request to the stats page asks for, from what follows the page's URI prefix, read as HAProxy reads it:
 * {@code ;csv}, {@code ;typed} or {@code ;json} for another format than HTML, {@code ;up} to hide servers that are
 * down, {@code ;no-maint} to hide those in maintenance, {@code ;norefresh} (only when the page refreshes itself),
 * {@code ;st=XXXX} for the result of the last admin action, and {@code scope=} to show only proxies whose name holds
 * that text.
 *
 * @param format    the output format
 * @param hideDown  {@code ;up}
 * @param noMaint   {@code ;no-maint}
 * @param noRefresh {@code ;norefresh}
 * @param status    the {@code ;st=} code ({@code UNKN} for an unknown one), or {@code null}
 * @param scope     the {@code scope=} text, {@code ""} for none
 */
record StatsPageRequest(Format format, boolean hideDown, boolean noMaint, boolean noRefresh, String status,
                        String scope) {

    /** The page's output formats. */
    enum Format { HTML, CSV, TYPED, JSON }

    /** HAProxy's admin results, as {@code ;st=} carries them. */
    private static final Set<String> STATUSES = Set.of("DONE", "NONE", "PART", "ERRP", "EXCD",
            "DENY", "IVAL", "UNKN");
    /** HAProxy's longest scope text. */
    private static final int SCOPE_MAX = 20;

    /**
     * Reads {@code rest}, the request target after the page's prefix.
     *
     * @param refreshes whether the page refreshes itself ({@code stats refresh}): {@code ;norefresh} means nothing
     *                  otherwise
     */
    static StatsPageRequest parse(String rest, boolean refreshes) {
        Format format = rest.contains(";json") ? Format.JSON : rest.contains(";typed") ? Format.TYPED
                : rest.contains(";csv") ? Format.CSV : Format.HTML;
        String status = null;
        int st = rest.indexOf(";st=");
        if (st >= 0 && rest.length() >= st + 8) {
            String code = rest.substring(st + 4, st + 8);
            status = STATUSES.contains(code) ? code : "UNKN";
        }
        return new StatsPageRequest(format, rest.contains(";up"), rest.contains(";no-maint"),
                refreshes && rest.contains(";norefresh"), status, scope(rest));
    }

    private static String scope(String rest) {
        int at = rest.indexOf("scope=");
        if (at < 0) {
            return "";
        }
        int start = at + "scope=".length();
        int end = start;
        while (end < rest.length() && end - start < SCOPE_MAX && "&;#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        return rest.substring(start, end);
    }

    /** The options that a redirect back to the page keeps: {@code ;up}, {@code ;norefresh}, {@code ;scope=}. */
    String keptOptions() {
        return (hideDown ? ";up" : "") + (noRefresh ? ";norefresh" : "") + (scope.isEmpty() ? "" : ";scope=" + scope);
    }
}
