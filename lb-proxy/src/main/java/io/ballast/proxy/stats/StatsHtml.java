package io.ballast.proxy.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.ballast.proxy.stats.HtmlText.digits;
import static io.ballast.proxy.stats.HtmlText.duration;
import static io.ballast.proxy.stats.HtmlText.escape;
import static io.ballast.proxy.stats.HtmlText.limit;

/**
 * The stats page in HTML, laid out as HAProxy 2.6's: the process information with the colour legend and the display
 * options, then one table per proxy with the same column groups (Queue, Session rate, Sessions, Bytes, Denied,
 * Errors, Warnings, Server), a row for its frontend, each server and its backend, coloured by state with HAProxy's
 * classes ({@code active_up}, {@code active_down}, {@code active_draining}, {@code maintain}...). With admin rights
 * each backend's servers get check boxes and the form that posts {@code s=<server>&action=<action>&b=#<id>}.
 */
public final class StatsHtml {

    /**
     * How to draw the page.
     *
     * @param uri            the page's URI prefix, for its links
     * @param admin          whether the admin forms are shown ({@code stats admin} allowed this request)
     * @param adminActions   the actions the form offers, by value ({@code drain}) with their label
     * @param refreshSeconds the automatic refresh ({@code stats refresh}), 0 for none
     * @param noRefresh      {@code ;norefresh}: refresh turned off for this view
     * @param hideDown       {@code ;up}: servers that are down are hidden
     * @param scope          the proxy-name filter typed in the page's scope box, {@code ""} for none
     * @param hideVersion    {@code stats hide-version}
     * @param showLegends    {@code stats show-legends}: addresses, ids and balancing shown in tool tips
     * @param node           the node name to show, or {@code null}
     * @param description    the description to show, or {@code null}
     * @param status         the result of the last admin action ({@code DONE}, {@code NONE}, {@code PART},
     *                       {@code ERRP}, {@code EXCD}, {@code DENY}, {@code IVAL}, {@code UNKN}), or {@code null}
     */
    public record Options(String uri, boolean admin, Map<String, String> adminActions, long refreshSeconds,
                          boolean noRefresh, boolean hideDown, String scope, boolean hideVersion,
                          boolean showLegends, String node, String description, String status) {

        /** Copies the actions, keeping their order. */
        public Options {
            adminActions = Collections.unmodifiableMap(new LinkedHashMap<>(adminActions));
        }
    }

    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Options options;
    private final Map<String, Object> info = new HashMap<>();

    private StatsHtml(Options options, List<StatsSource.InfoField> info) {
        this.options = options;
        for (StatsSource.InfoField f : info) {
            this.info.put(f.name(), f.value());
        }
    }

    /** The page for {@code rows} (the proxies to show, in order) and the process figures {@code info}. */
    public static String render(List<StatsRow> rows, List<StatsSource.InfoField> info, Options options) {
        StatsHtml page = new StatsHtml(options, info);
        page.head();
        page.processInformation();
        page.statusMessage();
        for (List<StatsRow> proxy : byProxy(rows)) {
            page.proxy(proxy);
        }
        page.out.append("</body></html>\n");
        return page.out.toString();
    }

    private String info(String name) {
        Object v = info.get(name);
        return v == null ? "" : v.toString();
    }

    private long infoNumber(String name) {
        return info.get(name) instanceof Long n ? n : 0;
    }

    private String product() {
        String name = info("Name");
        return name.isEmpty() ? "Ballast" : name;
    }

    /** The document head, the title and the style sheet. */
    private void head() {
        String node = options.node == null ? "" : " on " + escape(nodeName());
        out.append("<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"\n")
                .append("\"http://www.w3.org/TR/html4/loose.dtd\">\n")
                .append("<html><head><title>Statistics Report for ").append(escape(product())).append(node)
                .append("</title>\n<link rel=\"icon\" href=\"data:,\">\n")
                .append("<meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\">\n")
                .append("<style type=\"text/css\"><!--\n").append(StatsHtmlStyle.CSS).append("-->\n</style></head>\n")
                .append("<body><h1>").append(escape(product()));
        if (!options.hideVersion) {
            out.append(" version ").append(escape(info("Version")));
            if (!info("Release_date").isEmpty()) {
                out.append(", released ").append(escape(info("Release_date")));
            }
        }
        out.append("</h1>\n<h2>Statistics Report for pid ").append(info("Pid")).append(node);
        if (options.description != null && !options.description.isEmpty()) {
            out.append(": ").append(escape(options.description));
        }
        out.append("</h2>\n<hr width=\"100%\" class=\"hr\">\n");
    }

    private String nodeName() {
        return options.node.isEmpty() ? info("node") : options.node;
    }

    /** The general process information, the colour legend and the display options. */
    private void processInformation() {
        String maxconn = info("Maxconn");
        out.append("<h3>&gt; General process information</h3>\n")
                .append("<table border=0><tr><td align=\"left\" nowrap width=\"1%\">\n")
                .append("<p><b>pid = </b> ").append(info("Pid")).append(" (process #").append(info("Process_num"))
                .append(", nbproc = ").append(info("Nbproc")).append(", nbthread = ").append(info("Nbthread"))
                .append(")<br>\n<b>uptime = </b> ").append(escape(info("Uptime"))).append("<br>\n")
                .append("<b>maxconn = </b> ").append(maxconn.equals("0") ? "unlimited" : maxconn).append("<br>\n")
                .append("current conns = ").append(info("CurrConns")).append("; conn rate = ")
                .append(info("ConnRate")).append("/sec; bit rate = ")
                .append(String.format(Locale.ROOT, "%.3f", infoNumber("BytesOutRate") * 8 / 1000.0))
                .append(" kbps<br>\n</td><td align=\"center\" nowrap>\n");
        legend();
        out.append("</td><td align=\"left\" valign=\"top\" nowrap width=\"1%\"><b>Display option:</b>")
                .append("<ul style=\"margin-top: 0.25em;\">")
                .append("<li><form method=\"GET\">Scope : <input value=\"").append(escape(options.scope))
                .append("\" name=\"scope\" size=\"8\" maxlength=\"20\" tabindex=\"1\"/></form>\n");
        String scope = options.scope.isEmpty() ? "" : ";scope=" + escape(options.scope);
        String up = options.hideDown ? ";up" : "";
        String norefresh = options.noRefresh ? ";norefresh" : "";
        link(options.hideDown ? "Show all servers" : "Hide 'DOWN' servers",
                (options.hideDown ? "" : ";up") + norefresh + scope);
        if (options.refreshSeconds > 0) {
            link(options.noRefresh ? "Enable refresh" : "Disable refresh",
                    up + (options.noRefresh ? "" : ";norefresh") + scope);
        }
        link("Refresh now", up + norefresh + scope);
        out.append("<li><a href=\"").append(escape(options.uri)).append(";csv;norefresh").append(scope)
                .append("\">CSV export</a><br>\n")
                .append("<li><a href=\"").append(escape(options.uri)).append(";json;norefresh").append(scope)
                .append("\">JSON export</a><br>\n")
                .append("</ul></td></tr></table>\n");
    }

    private void link(String text, String suffix) {
        out.append("<li><a href=\"").append(escape(options.uri)).append(suffix).append("\">").append(text)
                .append("</a><br>\n");
    }

    private void legend() {
        out.append("<table class=\"lgd\"><tr>\n")
                .append("<td class=\"active_up\">&nbsp;</td><td class=\"noborder\">active UP </td>")
                .append("<td class=\"backup_up\">&nbsp;</td><td class=\"noborder\">backup UP </td></tr><tr>\n")
                .append("<td class=\"active_going_down\"></td><td class=\"noborder\">active UP, going down </td>")
                .append("<td class=\"backup_going_down\"></td><td class=\"noborder\">backup UP, going down </td>")
                .append("</tr><tr>\n")
                .append("<td class=\"active_going_up\"></td><td class=\"noborder\">active DOWN, going up </td>")
                .append("<td class=\"backup_going_up\"></td><td class=\"noborder\">backup DOWN, going up </td>")
                .append("</tr><tr>\n")
                .append("<td class=\"active_down\"></td><td class=\"noborder\">active or backup DOWN &nbsp;</td>")
                .append("<td class=\"active_no_check\"></td><td class=\"noborder\">not checked </td></tr><tr>\n")
                .append("<td class=\"maintain\"></td><td class=\"noborder\" colspan=\"3\">active or backup DOWN for ")
                .append("maintenance (MAINT) &nbsp;</td></tr><tr>\n")
                .append("<td class=\"active_draining\"></td><td class=\"noborder\" colspan=\"3\">active or backup ")
                .append("SOFT STOPPED for maintenance &nbsp;</td></tr></table>\n")
                .append("Note: \"NOLB\"/\"DRAIN\" = UP with load-balancing disabled.");
    }

    /** The result of the last admin action ({@code ;st=}), with a link that removes it. */
    private void statusMessage() {
        if (options.status == null) {
            return;
        }
        String[] message = switch (options.status) {
            case "DONE" -> new String[] {"active_up", "Action processed successfully."};
            case "NONE" -> new String[] {"active_going_down", "Nothing has changed."};
            case "PART" -> new String[] {"active_going_down", "Action partially processed.<br>Some server names "
                    + "are probably unknown or ambiguous (duplicated names in the backend)."};
            case "ERRP" -> new String[] {"active_down", "Action not processed because of invalid parameters."
                    + "<ul><li>The action is maybe unknown.</li><li>Invalid key parameter (empty or too long).</li>"
                    + "<li>The backend name is probably unknown or ambiguous (duplicated names).</li>"
                    + "<li>Some server names are probably unknown or ambiguous (duplicated names in the backend)."
                    + "</li></ul>"};
            case "EXCD" -> new String[] {"active_down", "<b>Action not processed : the buffer couldn't store all "
                    + "the data.<br>You should retry with less servers at a time.</b>"};
            case "DENY" -> new String[] {"active_down", "<b>Action denied.</b>"};
            case "IVAL" -> new String[] {"active_down", "<b>Invalid requests (unsupported method or chunked encoded "
                    + "request).</b>"};
            default -> new String[] {"active_no_check", "Unexpected result."};
        };
        out.append("<p><div class=").append(message[0]).append("><a class=lfsb href=\"").append(escape(options.uri))
                .append(options.hideDown ? ";up" : "").append(options.noRefresh ? ";norefresh" : "")
                .append(options.scope.isEmpty() ? "" : ";scope=" + escape(options.scope))
                .append("\" title=\"Remove this message\">[X]</a> ").append(message[1]).append("</div>\n");
    }

    /** One proxy's tables: its name, the column headers, its rows and, with admin rights, the action form. */
    private void proxy(List<StatsRow> rows) {
        StatsRow first = rows.get(0);
        String name = escape(first.proxyName());
        boolean form = options.admin && rows.stream().anyMatch(r -> r.kind() == StatsRow.Kind.SERVER);
        out.append("<p>\n");
        if (form) {
            out.append("<form method=\"post\">");
        }
        out.append("<table class=\"tbl\" width=\"100%\">\n<tr class=\"titre\"><th class=\"pxname\" width=\"10%\">")
                .append("<a name=\"").append(name).append("\"></a>");
        if (options.showLegends) {
            out.append("<u><a class=px href=\"#").append(name).append("\">").append(name)
                    .append("</a><div class=tips>").append(capabilities(rows)).append(", mode: ")
                    .append(escape(first.text(StatField.MODE))).append(", id: ").append(first.text(StatField.IID))
                    .append("</div></u>");
        } else {
            out.append("<a class=px href=\"#").append(name).append("\">").append(name).append("</a>");
        }
        out.append("</th><th class=\"empty\" width=\"90%\"></th></tr>\n</table>\n")
                .append("<table class=\"tbl\" width=\"100%\">\n<tr class=\"titre\">");
        if (form) {
            String boxes = "document.getElementsByClassName('" + escape(first.proxyName()) + "-checkbox')";
            out.append("<th rowspan=2 width=1><input type=\"checkbox\" onclick=\"for(c in ").append(boxes)
                    .append(") ").append(boxes).append(".item(c).checked = this.checked\"></th>");
        } else if (options.admin) {
            out.append("<th rowspan=2></th>");
        }
        out.append("<th rowspan=2></th><th colspan=3>Queue</th><th colspan=3>Session rate</th>")
                .append("<th colspan=6>Sessions</th><th colspan=2>Bytes</th><th colspan=2>Denied</th>")
                .append("<th colspan=3>Errors</th><th colspan=2>Warnings</th><th colspan=9>Server</th></tr>\n")
                .append("<tr class=\"titre\"><th>Cur</th><th>Max</th><th>Limit</th><th>Cur</th><th>Max</th>")
                .append("<th>Limit</th><th>Cur</th><th>Max</th><th>Limit</th><th>Total</th><th>LbTot</th>")
                .append("<th>Last</th><th>In</th><th>Out</th><th>Req</th><th>Resp</th><th>Req</th><th>Conn</th>")
                .append("<th>Resp</th><th>Retr</th><th>Redis</th><th>Status</th><th>LastChk</th><th>Wght</th>")
                .append("<th>Act</th><th>Bck</th><th>Chk</th><th>Dwn</th><th>Dwntme</th><th>Thrtle</th>\n</tr>");
        for (StatsRow row : rows) {
            switch (row.kind()) {
                case FRONTEND -> frontend(row);
                case SERVER -> server(row, form);
                case BACKEND -> backend(row);
            }
        }
        out.append("</table>");
        if (form) {
            adminForm(first);
        }
        out.append("\n");
    }

    private static String capabilities(List<StatsRow> rows) {
        boolean front = rows.stream().anyMatch(r -> r.kind() == StatsRow.Kind.FRONTEND);
        boolean back = rows.stream().anyMatch(r -> r.kind() == StatsRow.Kind.BACKEND);
        return "cap: " + (front && back ? "proxy" : front ? "frontend" : "backend");
    }

    private void adminForm(StatsRow proxy) {
        out.append("Choose the action to perform on the checked servers : <select name=action>")
                .append("<option value=\"\"></option>");
        options.adminActions.forEach((value, label) -> out.append("<option value=\"").append(escape(value))
                .append("\">").append(escape(label)).append("</option>"));
        out.append("</select><input type=\"hidden\" name=\"b\" value=\"#").append(proxy.text(StatField.IID))
                .append("\">&nbsp;<input type=\"submit\" value=\"Apply\"></form>");
    }

    /** The first cell: the row's anchor and name, with the admin column's cell before it when there is one. */
    private void nameCell(StatsRow row, String label, String tips, String checkbox) {
        if (options.admin) {
            out.append("<td>").append(checkbox).append("</td>");
        }
        String anchor = escape(row.proxyName() + "/" + label);
        out.append("<td class=ac>").append(tips != null ? "<u>" : "").append("<a name=\"").append(anchor)
                .append("\"></a><a class=lfsb href=\"#").append(anchor).append("\">").append(escape(label))
                .append("</a>");
        if (tips != null) {
            out.append("<div class=tips>").append(tips).append("</div></u>");
        }
        out.append("</td>");
    }

    private void frontend(StatsRow row) {
        boolean http = "http".equals(row.value(StatField.MODE));
        out.append("<tr class=\"frontend\">");
        nameCell(row, "Frontend", null, "");
        out.append("<td colspan=3></td>");
        Details rate = new Details()
                .line("Current connection rate:", row.text(StatField.CONN_RATE) + "/s")
                .line("Current session rate:", row.text(StatField.RATE) + "/s");
        Details max = new Details()
                .line("Max connection rate:", row.text(StatField.CONN_RATE_MAX) + "/s")
                .line("Max session rate:", row.text(StatField.RATE_MAX) + "/s");
        if (http) {
            rate.line("Current request rate:", row.text(StatField.REQ_RATE) + "/s");
            max.line("Max request rate:", row.text(StatField.REQ_RATE_MAX) + "/s");
        }
        out.append("<td>").append(tip(digits(row, StatField.RATE), rate)).append("</td>")
                .append("<td>").append(tip(digits(row, StatField.RATE_MAX), max)).append("</td>")
                .append("<td>").append(limit(row, StatField.RATE_LIM, "-")).append("</td>")
                .append("<td>").append(digits(row, StatField.SCUR)).append("</td>")
                .append("<td>").append(digits(row, StatField.SMAX)).append("</td>")
                .append("<td>").append(limitDigits(row, StatField.SLIM)).append("</td>");
        Details total = new Details()
                .line("Cum. connections:", digits(row, StatField.CONN_TOT))
                .line("Cum. sessions:", digits(row, StatField.STOT));
        if (http) {
            total.line("Cum. HTTP requests:", digits(row, StatField.REQ_TOT));
            responses(total, row, false);
            total.line("Intercepted requests:", digits(row, StatField.INTERCEPTED));
        }
        total.line("Failed hdr rewrites:", digits(row, StatField.WREW))
                .line("Internal errors:", digits(row, StatField.EINT));
        out.append("<td>").append(tip(digits(row, StatField.STOT), total)).append("</td>")
                .append("<td></td><td></td>")
                .append("<td>").append(digits(row, StatField.BIN)).append("</td>")
                .append("<td>").append(digits(row, StatField.BOUT)).append("</td>")
                .append("<td>").append(digits(row, StatField.DREQ)).append("</td>")
                .append("<td>").append(digits(row, StatField.DRESP)).append("</td>")
                .append("<td>").append(digits(row, StatField.EREQ)).append("</td>")
                .append("<td></td><td></td><td></td><td></td>")
                .append("<td class=ac>").append(escape(row.text(StatField.STATUS))).append("</td>")
                .append("<td class=ac colspan=8></td></tr>\n");
    }

    private void server(StatsRow row, boolean form) {
        String status = row.text(StatField.STATUS);
        boolean backup = row.number(StatField.BCK, 0) > 0;
        String style = status.startsWith("MAINT") ? "maintain"
                : (backup ? "backup_" : "active_") + serverStyle(row, status);
        out.append("<tr class=\"").append(style).append("\">");
        String checkbox = form ? "<input class='" + escape(row.proxyName()) + "-checkbox' type=\"checkbox\" "
                + "name=\"s\" value=\"" + escape(row.serviceName()) + "\">" : "";
        nameCell(row, row.serviceName(), options.showLegends ? serverLegend(row) : null, checkbox);
        out.append("<td>").append(digits(row, StatField.QCUR)).append("</td>")
                .append("<td>").append(digits(row, StatField.QMAX)).append("</td>")
                .append("<td>").append(limit(row, StatField.QLIMIT, "-")).append("</td>")
                .append("<td>").append(digits(row, StatField.RATE)).append("</td>")
                .append("<td>").append(digits(row, StatField.RATE_MAX)).append("</td><td></td>");
        Details current = new Details()
                .line("Current active connections:", digits(row, StatField.SCUR))
                .line("Current used connections:", digits(row, StatField.USED_CONN_CUR))
                .line("Active connections limit:", limit(row, StatField.SLIM, "-"));
        out.append("<td>").append(tip(digits(row, StatField.SCUR), current)).append("</td>")
                .append("<td>").append(digits(row, StatField.SMAX)).append("</td>")
                .append("<td>").append(limit(row, StatField.SLIM, "-")).append("</td>");
        out.append("<td>").append(tip(digits(row, StatField.STOT), sessions(row, true))).append("</td>")
                .append("<td>").append(digits(row, StatField.LBTOT)).append("</td>")
                .append("<td>").append(duration(row, StatField.LASTSESS)).append("</td>");
        bytesDeniedErrors(row, "");
        out.append("<td class=ac>");
        if (status.startsWith("MAINT")) {
            out.append(duration(row, StatField.LASTCHG)).append(" MAINT");
        } else if (row.value(StatField.CHECK_STATUS) != null) {
            out.append(duration(row, StatField.LASTCHG)).append(' ').append(escape(status));
        } else {
            out.append("<i>no check</i>");
        }
        out.append("</td>");
        lastCheck(row);
        out.append("<td class=ac>").append(row.text(StatField.WEIGHT)).append('/')
                .append(row.text(StatField.UWEIGHT)).append("</td>")
                .append("<td class=ac>").append(backup ? "-" : "Y").append("</td>")
                .append("<td class=ac>").append(backup ? "Y" : "-").append("</td>");
        if (row.value(StatField.CHKFAIL) != null) {
            out.append("<td><u>").append(row.text(StatField.CHKFAIL))
                    .append("<div class=tips>Failed Health Checks</div></u></td><td>")
                    .append(row.text(StatField.CHKDOWN)).append("</td><td>")
                    .append(duration(row, StatField.DOWNTIME)).append("</td>");
        } else if (row.value(StatField.TRACKED) != null && !status.equals("MAINT")) {
            String tracked = escape(row.text(StatField.TRACKED));
            out.append("<td class=ac colspan=3><a class=lfsb href=\"#").append(tracked).append("\">via ")
                    .append(tracked).append("</a></td>");
        } else {
            out.append("<td colspan=3></td>");
        }
        Object throttle = row.value(StatField.THROTTLE);
        out.append("<td class=ac>").append(throttle == null ? "-" : throttle + " %").append("</td></tr>\n");
    }

    /**
     * The colour of a server that is not in maintenance, from its status as HAProxy picks it: down, going up (down
     * but passing checks), draining, going down (up but failing checks), NOLB, not checked, or up.
     */
    private static String serverStyle(StatsRow row, String status) {
        if (status.equals("DOWN") || status.equals("DOWN (agent)")) {
            return "down";
        }
        if (status.startsWith("DOWN ")) {
            return "going_up";
        }
        if (status.equals("DRAIN")) {
            return "draining";
        }
        if (status.startsWith("NOLB ")) {
            return "going_down";
        }
        if (status.equals("NOLB")) {
            return "nolb";
        }
        if (status.equals("no check")) {
            return "no_check";
        }
        if (status.startsWith("UP ")) {
            return "going_down";
        }
        return row.number(StatField.WEIGHT, 0) > 0 ? "up" : "draining";
    }

    private static String serverLegend(StatsRow row) {
        String addr = row.text(StatField.ADDR);
        StringBuilder tips = new StringBuilder();
        if (!addr.isEmpty()) {
            tips.append(Character.isDigit(addr.charAt(0)) ? "IPv4: " : addr.charAt(0) == '[' ? "IPv6: " : "")
                    .append(escape(addr)).append(", ");
        }
        tips.append("id: ").append(row.text(StatField.SID));
        if (row.value(StatField.COOKIE) != null) {
            tips.append(", cookie: '").append(escape(row.text(StatField.COOKIE))).append("'");
        }
        return tips.toString();
    }

    /** The LastChk cell: the last check's result, code and duration, its description in a tool tip. */
    private void lastCheck(StatsRow row) {
        if (row.value(StatField.CHECK_DESC) == null) {
            out.append("<td></td>");
            return;
        }
        out.append("<td class=ac><u> ").append(escape(row.text(StatField.CHECK_STATUS)));
        if (row.value(StatField.CHECK_CODE) != null) {
            out.append('/').append(row.text(StatField.CHECK_CODE));
        }
        if (row.value(StatField.CHECK_DURATION) != null) {
            out.append(" in ").append(row.text(StatField.CHECK_DURATION)).append("ms");
        }
        out.append("<div class=tips>").append(escape(row.text(StatField.CHECK_DESC)));
        if (!row.text(StatField.LAST_CHK).isEmpty()) {
            out.append(": ").append(escape(row.text(StatField.LAST_CHK)));
        }
        out.append("</div></u></td>");
    }

    private void backend(StatsRow row) {
        out.append("<tr class=\"backend\">");
        String algo = row.text(StatField.ALGO);
        nameCell(row, "Backend", options.showLegends && !algo.isEmpty() ? "balancing: " + escape(algo) : null, "");
        out.append("<td>").append(digits(row, StatField.QCUR)).append("</td>")
                .append("<td>").append(digits(row, StatField.QMAX)).append("</td><td></td>")
                .append("<td>").append(digits(row, StatField.RATE)).append("</td>")
                .append("<td>").append(digits(row, StatField.RATE_MAX)).append("</td><td></td>")
                .append("<td>").append(digits(row, StatField.SCUR)).append("</td>")
                .append("<td>").append(digits(row, StatField.SMAX)).append("</td>")
                .append("<td>").append(limitDigits(row, StatField.SLIM)).append("</td>")
                .append("<td>").append(tip(digits(row, StatField.STOT), sessions(row, false))).append("</td>")
                .append("<td>").append(digits(row, StatField.LBTOT)).append("</td>")
                .append("<td>").append(duration(row, StatField.LASTSESS)).append("</td>");
        bytesDeniedErrors(row, digits(row, StatField.DREQ));
        out.append("<td class=ac>").append(duration(row, StatField.LASTCHG)).append(' ')
                .append(escape(row.text(StatField.STATUS))).append("</td><td class=ac>&nbsp;</td>")
                .append("<td class=ac>").append(row.text(StatField.WEIGHT)).append('/')
                .append(row.text(StatField.UWEIGHT)).append("</td>")
                .append("<td class=ac>").append(row.text(StatField.ACT)).append("</td>")
                .append("<td class=ac>").append(row.text(StatField.BCK)).append("</td>")
                .append("<td class=ac>&nbsp;</td><td>").append(row.text(StatField.CHKDOWN)).append("</td><td>")
                .append(row.value(StatField.DOWNTIME) != null ? duration(row, StatField.DOWNTIME) : "&nbsp;")
                .append("</td><td></td></tr>\n");
    }

    /** Bytes, denials, errors and warnings of a backend or server; {@code deniedRequests} is empty for servers. */
    private void bytesDeniedErrors(StatsRow row, String deniedRequests) {
        out.append("<td>").append(digits(row, StatField.BIN)).append("</td>")
                .append("<td>").append(digits(row, StatField.BOUT)).append("</td>")
                .append("<td>").append(deniedRequests).append("</td>")
                .append("<td>").append(digits(row, StatField.DRESP)).append("</td>")
                .append("<td></td><td>").append(digits(row, StatField.ECON)).append("</td>")
                .append("<td><u>").append(digits(row, StatField.ERESP))
                .append("<div class=tips>Connection resets during transfers: ").append(row.text(StatField.CLI_ABRT))
                .append(" client, ").append(row.text(StatField.SRV_ABRT)).append(" server</div></u></td>")
                .append("<td>").append(row.text(StatField.WRETR)).append("</td>")
                .append("<td>").append(row.text(StatField.WREDIS)).append("</td>");
    }

    /** The tool tip of a backend's or server's total sessions: connections, responses and recent timings. */
    private static Details sessions(StatsRow row, boolean server) {
        Details d = new Details()
                .line("Cum. sessions:", digits(row, StatField.STOT))
                .line("New connections:", digits(row, StatField.CONNECT))
                .line("Reused connections:", digits(row, StatField.REUSE),
                        percent(row.number(StatField.REUSE, 0), row.number(StatField.CONNECT, 0)
                                + row.number(StatField.REUSE, 0)));
        if ("http".equals(row.value(StatField.MODE))) {
            d.line("Cum. HTTP requests:", digits(row, StatField.REQ_TOT));
            responses(d, row, server);
        }
        d.line("Failed hdr rewrites:", digits(row, StatField.WREW))
                .line(server ? "Internal error:" : "Internal errors:", digits(row, StatField.EINT))
                .title("Max / Avg over last 1024 success. conn.")
                .line("- Queue time:", timing(row, StatField.QTIME_MAX, StatField.QTIME), "ms")
                .line("- Connect time:", timing(row, StatField.CTIME_MAX, StatField.CTIME), "ms")
                .line("- Responses time:", timing(row, StatField.RTIME_MAX, StatField.RTIME), "ms")
                .line("- Total time:", timing(row, StatField.TTIME_MAX, StatField.TTIME), "ms");
        return d;
    }

    /** The response classes; servers show each class's share of the responses. */
    private static void responses(Details d, StatsRow row, boolean shares) {
        StatField[] classes = {StatField.HRSP_1XX, StatField.HRSP_2XX, StatField.HRSP_3XX, StatField.HRSP_4XX,
                StatField.HRSP_5XX, StatField.HRSP_OTHER};
        String[] names = {"- HTTP 1xx responses:", "- HTTP 2xx responses:", "- HTTP 3xx responses:",
                "- HTTP 4xx responses:", "- HTTP 5xx responses:", "- other responses:"};
        long all = 0;
        for (StatField f : classes) {
            all += row.number(f, 0);
        }
        for (int i = 0; i < classes.length; i++) {
            if (shares) {
                d.line(names[i], digits(row, classes[i]), percent(row.number(classes[i], 0), all));
            } else {
                d.line(names[i], digits(row, classes[i]));
            }
        }
    }

    private static String timing(StatsRow row, StatField max, StatField average) {
        return row.text(max) + " / " + row.text(average);
    }

    private static String percent(long part, long whole) {
        return "(" + (whole == 0 ? 0 : part * 100 / whole) + "%)";
    }

    private static String limitDigits(StatsRow row, StatField field) {
        long v = row.number(field, 0);
        return v == 0 ? "-" : digits(v);
    }

    private static String tip(String value, Details details) {
        return "<u>" + value + "<div class=tips>" + details.html() + "</div></u>";
    }

    /** A tool tip's table of details: a label and one or two cells per line. */
    private static final class Details {
        private final StringBuilder html = new StringBuilder("<table class=det>");

        Details line(String label, String... cells) {
            html.append("<tr><th>").append(label).append("</th>");
            for (String c : cells) {
                html.append("<td>").append(c).append("</td>");
            }
            html.append("</tr>");
            return this;
        }

        Details title(String text) {
            html.append("<tr><th colspan=3>").append(text).append("</th></tr>");
            return this;
        }

        String html() {
            return html + "</table>";
        }
    }

    /** The rows grouped by proxy, in order. */
    private static List<List<StatsRow>> byProxy(List<StatsRow> rows) {
        List<List<StatsRow>> out = new ArrayList<>();
        List<StatsRow> current = null;
        for (StatsRow r : rows) {
            if (current == null || !current.get(0).proxyName().equals(r.proxyName())) {
                current = new ArrayList<>();
                out.add(current);
            }
            current.add(r);
        }
        return out;
    }
}
