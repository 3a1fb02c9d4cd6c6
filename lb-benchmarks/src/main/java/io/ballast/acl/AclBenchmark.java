package io.ballast.acl;

import io.ballast.core.config.SourceLocation;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.SimpleRequestView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A realistic frontend of 17 ACLs and 20 rule conditions ({@code http-request deny/return/set-header ... if},
 * {@code use_backend ... if}), evaluated for one request. {@code allRules} evaluates every condition (the cost of a
 * frontend whose rules all run); {@code firstMatch} stops at the first matching {@code use_backend}, as the
 * engine does. Run: {@code java -jar lb-benchmarks/target/benchmarks.jar AclBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AclBenchmark {

    private static final String[] ACLS = {
        "acl is_api path_beg /api/",
        "acl is_static path_end .css .js .png .jpg .gif .svg .woff2 .ico",
        "acl host_www hdr(host) -i www.example.com example.com",
        "acl host_admin hdr_dom(host) -i admin",
        "acl blocked src 203.0.113.0/24 198.51.100.0/24 192.0.2.128/25 100.64.0.0/10",
        "acl internal src 10.0.0.0/8 192.168.0.0/16 172.16.0.0/12",
        "acl bad_ua hdr_sub(user-agent) -i sqlmap nikto masscan",
        "acl is_post method POST",
        "acl has_session cook(SESSION) -m found",
        "acl ws hdr(upgrade) -i websocket",
        "acl api_v2 path_reg ^/api/v2/[a-z]+/[0-9]+$",
        "acl mobile hdr_sub(user-agent) -i mobile android iphone",
        "acl health path /health /healthz /ready",
        "acl big_body hdr_val(content-length) gt 1048576",
        "acl be_down nbsrv(be_app) lt 1",
        "acl q_debug urlp(debug) 1 true",
        "acl lang_fr hdr_beg(accept-language) fr",
    };

    private static final String[] HTTP_REQUEST_RULES = {
        "if blocked",
        "if bad_ua",
        "if big_body",
        "if { path_beg /admin } !internal",
        "if health",
        "if !{ ssl_fc } host_admin",
        "if q_debug internal",
        "if mobile",
        "if lang_fr",
    };

    private static final String[] USE_BACKEND_RULES = {
        "if be_down",
        "if ws",
        "if is_static",
        "if host_www { path_beg /static/ /assets/ }",
        "if is_api api_v2",
        "if is_api is_post has_session",
        "if is_api METH_GET",
        "if host_admin internal",
        "if { path_beg /old/ /legacy/ } or { hdr(host) -i old.example.com }",
        "if host_www has_session",
        "if host_www",
    };

    /** {@code page}: a browser page view routed by the last rule; {@code api}: an API call routed early. */
    @Param({"page", "api"})
    public String request;

    private Condition[] httpRequest;
    private Condition[] useBackend;
    private SampleContext ctx;

    @Setup
    public void setup() throws AclException {
        SourceLocation here = new SourceLocation("bench.cfg", 1);
        AclCompiler c = AclCompiler.create();
        for (String a : ACLS) {
            c.defineAcl(words(a), here);
        }
        httpRequest = compile(c, HTTP_REQUEST_RULES, here);
        useBackend = compile(c, USE_BACKEND_RULES, here);
        RequestView r = "api".equals(request)
                ? SimpleRequestView.builder("GET", "/api/v2/orders/1234")
                        .header("Host", "api.example.com")
                        .header("User-Agent", "okhttp/4.12.0")
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer abc.def.ghi")
                        .clientAddress(new InetSocketAddress("192.0.2.17", 51234))
                        .build()
                : SimpleRequestView.builder("GET", "/products/42?color=red&size=m")
                        .header("Host", "www.example.com")
                        .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36")
                        .header("Accept", "text/html,application/xhtml+xml")
                        .header("Accept-Language", "en-GB,en;q=0.9")
                        .header("Accept-Encoding", "gzip, deflate, br")
                        .header("Cookie", "theme=dark; SESSION=8f14e45fceea167a5a36dedd4bea2543; _ga=GA1.2.3")
                        .clientAddress(new InetSocketAddress("192.0.2.17", 51234))
                        .build();
        ctx = SampleContext.of(r);
    }

    private static Condition[] compile(AclCompiler c, String[] rules, SourceLocation here) throws AclException {
        List<Condition> out = new ArrayList<>();
        for (String r : rules) {
            out.add(c.condition(words(r), here));
        }
        return out.toArray(new Condition[0]);
    }

    private static List<String> words(String line) {
        return Arrays.asList(line.split(" +"));
    }

    /** Every one of the 20 conditions. */
    @Benchmark
    public void allRules(Blackhole bh) {
        for (Condition c : httpRequest) {
            bh.consume(c.test(ctx));
        }
        for (Condition c : useBackend) {
            bh.consume(c.test(ctx));
        }
    }

    /** The 9 http-request conditions, then use_backend conditions until the first match. */
    @Benchmark
    public int firstMatch(Blackhole bh) {
        for (Condition c : httpRequest) {
            bh.consume(c.test(ctx));
        }
        for (int i = 0; i < useBackend.length; i++) {
            if (useBackend[i].test(ctx)) {
                return i;
            }
        }
        return -1;
    }
}
