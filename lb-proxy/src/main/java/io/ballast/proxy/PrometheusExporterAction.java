package io.ballast.proxy;

import io.ballast.proxy.stats.PrometheusQuery;
import io.ballast.proxy.stats.PrometheusText;
import io.ballast.proxy.stats.StatsSource;

import java.nio.charset.StandardCharsets;

/**
 * {@code http-request use-service prometheus-exporter}: answers with the metrics in Prometheus' text format
 * ({@link PrometheusText}), filtered by the query's {@code scope=} and {@code no-maint}; a malformed query gets 400,
 * as from HAProxy. Counted as an intercepted request.
 */
final class PrometheusExporterAction implements RuleAction {

    /** The service's name after {@code use-service}. */
    static final String NAME = "prometheus-exporter";

    @Override
    public RuleResult apply(RuleContext ctx) {
        PrometheusQuery query;
        try {
            query = PrometheusQuery.parse(ctx.request.query());
        } catch (IllegalArgumentException e) {
            return RuleResult.respond(ctx.errorPages.keepAlivePage(400), 400, false);
        }
        StatsSource source = ctx.statistics();
        byte[] body = "HEAD".equals(ctx.request.method()) || source == null ? new byte[0]
                : PrometheusText.render(source, query).getBytes(StandardCharsets.UTF_8);
        return RuleResult.respond(new GeneratedResponse(200)
                .header("cache-control", "no-cache")
                .header("content-type", PrometheusText.CONTENT_TYPE)
                .toBuffer(body), 200, false);
    }
}
