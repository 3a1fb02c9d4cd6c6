package io.ballast.proxy;

import io.ballast.acl.Condition;
import io.ballast.core.config.StatsSettings;
import io.ballast.proxy.stats.StatField;
import io.ballast.proxy.stats.StatsCsv;
import io.ballast.proxy.stats.StatsHtml;
import io.ballast.proxy.stats.StatsJson;
import io.ballast.proxy.stats.StatsRow;
import io.ballast.proxy.stats.StatsSource;
import io.ballast.proxy.stats.StatsTyped;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A proxy's statistics page ({@code stats enable}...), which HAProxy serves itself once the proxy's
 * {@code http-request} rules ran, before its {@code redirect} rules: a {@code GET}, {@code HEAD} or {@code POST}
 * whose target starts with the page's URI prefix gets the HTML page (or CSV, typed or JSON output), after Basic
 * authentication when {@code stats auth} is set (or the {@code stats http-request} rules); a {@code POST} carries
 * out the admin form when a {@code stats admin} condition holds, then redirects back to the page with the result
 * ({@code ;st=DONE}...). Immutable, shared by all connections.
 */
final class StatsPage {

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");
    private static final byte[] NO_BODY = new byte[0];

    private final String owner;
    private final StatsSettings settings;
    private final List<Condition> adminConditions;
    private final List<HttpRule> accessRules;
    private final AuthAction challenge;
    /** The {@code stats auth} accounts as {@code user:password}. */
    private final Set<String> accounts = new HashSet<>();

    /**
     * @param owner           the proxy's name ({@code stats scope .})
     * @param adminConditions the compiled {@code stats admin} conditions
     * @param accessRules     the compiled {@code stats http-request} rules
     */
    StatsPage(String owner, StatsSettings settings, List<Condition> adminConditions, List<HttpRule> accessRules) {
        this.owner = owner;
        this.settings = settings;
        this.adminConditions = List.copyOf(adminConditions);
        this.accessRules = List.copyOf(accessRules);
        this.challenge = new AuthAction(settings.realm());
        for (String account : settings.users()) {
            accounts.add(account.indexOf(':') < 0 ? account + ":" : account);
        }
    }

    /** The answer when the request of {@code ctx} asks for this page, else {@code null}. */
    RuleResult answer(RuleContext ctx) {
        String method = ctx.request.method();
        if (method == null || !METHODS.contains(method)) {
            return null;
        }
        String target = target(ctx.request.uri());
        if (!target.startsWith(settings.uri())) {
            return null;
        }
        RuleResult refused = access(ctx);
        if (refused != null) {
            return refused;
        }
        StatsPageRequest page = StatsPageRequest.parse(target.substring(settings.uri().length()),
                settings.refreshSeconds() > 0);
        boolean admin = false;
        for (Condition c : adminConditions) {
            admin = admin || c.test(ctx);
        }
        if (method.equals("POST")) {
            return post(ctx, page, admin);
        }
        return RuleResult.respond(render(ctx, page, admin, method.equals("HEAD")), 200, false);
    }

    /** What the prefix is compared with: the path and query when it starts with {@code /}, else the whole target. */
    private String target(String uri) {
        if (!settings.uri().startsWith("/") || uri.startsWith("/")) {
            return uri;
        }
        int authority = uri.indexOf("://");
        int path = authority < 0 ? -1 : uri.indexOf('/', authority + 3);
        return path < 0 ? "/" : uri.substring(path);
    }

    /** The answer refusing the request ({@code stats http-request}, or 401 without valid credentials), or null. */
    private RuleResult access(RuleContext ctx) {
        if (!accessRules.isEmpty()) {
            RuleResult r = HttpRule.evaluate(accessRules, ctx);
            return r.endsRequest() ? r : null;
        }
        if (settings.requiresAuth() && !authorized(ctx.request.header("authorization"))) {
            return challenge.apply(ctx);
        }
        return null;
    }

    private boolean authorized(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
            return accounts.contains(new String(decoded, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The admin form: refused without admin rights ({@code DENY}) or with a chunked body ({@code IVAL}); else the
     * answer is made once the body is read ({@code EXCD} when it is too large).
     */
    private RuleResult post(RuleContext ctx, StatsPageRequest page, boolean admin) {
        if (!admin) {
            return redirect(page, "DENY");
        }
        if (ctx.request.header("transfer-encoding") != null) {
            return redirect(page, "IVAL");
        }
        return RuleResult.afterBody(303, body -> redirect(page, body == null ? "EXCD"
                : StatsAdminForm.apply(body.toString(StandardCharsets.UTF_8), ctx)));
    }

    /** Back to the page with the admin result: a {@code GET} of the page after a {@code POST}, as HAProxy answers. */
    private RuleResult redirect(StatsPageRequest page, String status) {
        ByteBuf response = new GeneratedResponse(303)
                .header("cache-control", "no-cache")
                .header("content-type", "text/plain")
                .header("location", settings.uri() + ";st=" + status + page.keptOptions())
                .toBuffer(NO_BODY);
        return RuleResult.respond(response, 303, false);
    }

    private ByteBuf render(RuleContext ctx, StatsPageRequest page, boolean admin, boolean head) {
        StatsSource source = ctx.statistics();
        List<StatsRow> rows = source == null ? List.of() : shown(source.rows(), page);
        String body;
        String type;
        switch (page.format()) {
            case CSV -> {
                body = StatsCsv.format(rows);
                type = "text/plain";
            }
            case TYPED -> {
                body = StatsTyped.stat(rows);
                type = "text/plain";
            }
            case JSON -> {
                body = StatsJson.stat(rows);
                type = "application/json";
            }
            default -> {
                body = StatsHtml.render(rows, source == null ? List.of() : source.info(), new StatsHtml.Options(
                        settings.uri(), admin, ctx.serverAdmin().actions(), settings.refreshSeconds(),
                        page.noRefresh(), page.hideDown(), page.scope(), settings.hideVersion(),
                        settings.showLegends(), settings.node(), settings.description(), page.status()));
                type = "text/html";
            }
        }
        GeneratedResponse response = new GeneratedResponse(200)
                .header("cache-control", "no-cache")
                .header("content-type", type);
        if (settings.refreshSeconds() > 0 && !page.noRefresh()) {
            response.header("refresh", Long.toString(settings.refreshSeconds()));
        }
        return response.toBuffer(head ? NO_BODY : body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The rows this request shows: proxies within {@code stats scope} and the page's scope text, servers that are
     * down or in maintenance left out on request; addresses, cookies and algorithms only with
     * {@code stats show-legends}, as HAProxy shows them.
     */
    private List<StatsRow> shown(List<StatsRow> rows, StatsPageRequest page) {
        String scope = page.scope().toLowerCase(Locale.ROOT);
        List<StatsRow> out = new ArrayList<>(rows.size());
        for (StatsRow r : rows) {
            boolean hidden = !settings.inScope(r.proxyName(), owner)
                    || !r.proxyName().toLowerCase(Locale.ROOT).contains(scope)
                    || r.filteredOut(page.hideDown(), page.noMaint());
            if (!hidden) {
                out.add(settings.showLegends() ? r : withoutLegends(r));
            }
        }
        return out;
    }

    private static StatsRow withoutLegends(StatsRow r) {
        StatsRow.Builder b = StatsRow.builder(r.kind(), r.proxyName(), r.serviceName());
        for (StatField f : StatField.values()) {
            if (f == StatField.ADDR || f == StatField.COOKIE || f == StatField.ALGO) {
                continue;
            }
            Object v = r.value(f);
            if (v instanceof Long n) {
                b.set(f, n);
            } else if (v instanceof String s) {
                b.set(f, s);
            }
        }
        return b.build();
    }
}
