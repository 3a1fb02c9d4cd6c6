package io.ballast.proxy.cli;

import io.ballast.core.config.StatsSocketConfig.Level;
import io.ballast.core.server.Backend;
import io.ballast.proxy.stats.InfoText;
import io.ballast.proxy.stats.StatField;
import io.ballast.proxy.stats.StatsCsv;
import io.ballast.proxy.stats.StatsJson;
import io.ballast.proxy.stats.StatsRow;
import io.ballast.proxy.stats.StatsSource;
import io.ballast.proxy.stats.StatsTyped;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static io.ballast.proxy.cli.Invocation.reply;

/**
 * The commands that read statistics: {@code show stat}, {@code show info}, {@code show backend} and
 * {@code show errors}. The rows and fields come from the {@link StatsSource}, the text from the stats formatters.
 */
final class StatsCommands {

    private static final DateTimeFormatter ERROR_DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS",
            Locale.ROOT);

    private final RuntimeTarget target;

    StatsCommands(RuntimeTarget target) {
        this.target = target;
    }

    List<Keyword> keywords() {
        return List.of(
                new Keyword(List.of("show", "stat"),
                        "show stat [desc|json|no-maint|typed|up]*: report counters for each proxy and server",
                        this::showStat),
                new Keyword(List.of("show", "info"),
                        "show info [desc|json|typed|float]*      : report information about the running process",
                        this::showInfo),
                new Keyword(List.of("show", "backend"),
                        "show backend                            : list backends in the current running config",
                        inv -> reply(backends())),
                new Keyword(List.of("show", "errors"),
                        "show errors [<px>] [request|response]   : report last request and/or response errors for"
                                + " each proxy",
                        this::showErrors));
    }

    /**
     * {@code show stat [{<iid>|<proxy>} <type> <sid>] [typed|json|desc|up|no-maint]*}: {@code type} is a mask of 1
     * (frontends), 2 (backends) and 4 (servers), -1 for any proxy or server id.
     */
    private CompletableFuture<String> showStat(Invocation inv) {
        List<StatsRow> rows = target.stats().rows();
        int arg = 2;
        RowFilter filter = RowFilter.ALL;
        if (!inv.arg(2).isEmpty() && !inv.arg(3).isEmpty() && !inv.arg(4).isEmpty()) {
            long iid = rows.stream().filter(r -> r.proxyName().equals(inv.arg(2))).findFirst()
                    .map(r -> r.number(StatField.IID, 0)).orElseGet(() -> (long) atoi(inv.arg(2)));
            if (iid == 0) {
                return reply("No such proxy.\n");
            }
            filter = new RowFilter(iid, atoi(inv.arg(3)), atoi(inv.arg(4)));
            arg = 5;
        }
        List<String> options = inv.line().words().subList(Math.min(arg, inv.line().words().size()),
                inv.line().words().size());
        boolean up = options.contains("up");
        boolean noMaint = options.contains("no-maint");
        List<StatsRow> shown = new ArrayList<>();
        for (StatsRow row : rows) {
            if (filter.keeps(row) && !row.filteredOut(up, noMaint)) {
                shown.add(row);
            }
        }
        // "desc" and unknown words change nothing, as in HAProxy for the CSV
        return reply(options.contains("json") ? StatsJson.stat(shown)
                : options.contains("typed") ? StatsTyped.stat(shown) : StatsCsv.format(shown));
    }

    private CompletableFuture<String> showInfo(Invocation inv) {
        List<StatsSource.InfoField> fields = target.stats().info();
        List<String> options = inv.line().words();
        return reply(options.contains("json") ? StatsJson.info(fields)
                : options.contains("typed") ? StatsTyped.info(fields) : InfoText.format(fields));
    }

    private String backends() {
        StringBuilder out = new StringBuilder("# name\n");
        for (Backend b : target.backends()) {
            out.append(b.name()).append('\n');
        }
        return out.toString();
    }

    /** Ballast keeps no copy of invalid requests or responses: HAProxy's answer when it has captured none. */
    private CompletableFuture<String> showErrors(Invocation inv) {
        if (!inv.allows(Level.OPERATOR)) {
            return reply(Invocation.PERMISSION_DENIED);
        }
        String proxy = inv.arg(2);
        if (!proxy.isEmpty() && atoi(proxy) == 0
                && target.stats().rows().stream().noneMatch(r -> r.proxyName().equals(proxy))) {
            return reply("No such proxy.\n");
        }
        return reply("Total events captured on [" + ERROR_DATE.format(ZonedDateTime.now()) + "] : 0\n");
    }

    /** C's {@code atoi}: the leading number, 0 when there is none. */
    private static int atoi(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        try {
            return i > start ? Integer.parseInt(s.substring(start, i)) : 0;
        } catch (NumberFormatException e) {
            return 0; // a sign alone, or too many digits
        }
    }

    /** The {@code <iid> <type> <sid>} part of {@code show stat}. */
    private record RowFilter(long iid, int types, int sid) {

        static final RowFilter ALL = new RowFilter(-1, -1, -1);

        boolean keeps(StatsRow row) {
            if (iid != -1 && row.number(StatField.IID, 0) != iid) {
                return false;
            }
            int bit = switch (row.kind()) {
                case FRONTEND -> 1;
                case BACKEND -> 2;
                case SERVER -> 4;
            };
            return (types & bit) != 0 && (row.kind() != StatsRow.Kind.SERVER || sid == -1
                    || row.number(StatField.SID, 0) == sid);
        }
    }
}
