package io.ballast.it;

import static io.ballast.it.ProbeRequest.get;
import static io.ballast.it.ProbeRequest.of;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 5's differential test: each configuration runs on the real HAProxy (Debian package) and on Ballast, the
 * same requests go through both to three real Apache backends that report what they received ({@link EchoCgi}),
 * and the two must agree on everything in {@link Observation}: status, {@code Location} and the other
 * rule-affected response headers, which backend answered, and the request line and headers it received.
 * A mismatch fails the case with a field-by-field diff of every request that differed; both sides'
 * observations and configurations stay in {@code target/it-logs/rules-differential/<case>/}. With
 * {@code -Dballast.reference=haproxy} HAProxy is compared with itself, which checks that the cases are
 * deterministic.
 *
 * <p>Left out on purpose: rules on {@code Content-Length}, {@code Transfer-Encoding}, {@code Connection},
 * {@code Keep-Alive} and {@code Proxy-Connection}, which Ballast refuses by design (the engine manages framing).
 */
@ExtendWith(TestNames.class)
class RulesDifferentialTest {
    private static final List<ApacheServer> BACKENDS = new ArrayList<>();

    @BeforeAll
    static void startBackends() {
        ApacheServer.assumeInstalled();
        Engine.HAPROXY.assumeAvailable();
        for (String name : List.of("web01", "web02", "web03")) {
            ApacheServer s = ApacheServer.createEcho(name);
            BACKENDS.add(s);
            s.start();
        }
    }

    @AfterAll
    static void stopBackends() {
        BACKENDS.forEach(ApacheServer::close);
        BACKENDS.clear();
    }

    /** The seed's {@code acl url_blog path_beg /blog}, OR-ed acl lines, -i, path_end/path_reg, hdr/hdr_dom, url_param. */
    @Test
    void pathHostAndParameterAclsChooseTheBackend() {
        assertSameAsHaproxy(RuleCase.config("path-host-acls", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    acl url_blog path_beg /blog
                    acl url_static path_beg -i /static /images
                    acl url_static path_end .css .js
                    acl img path_reg ^/img/[a-z]+\\.png$
                    acl api_host hdr(host) -i api.example.com
                    acl shop_dom hdr_dom(host) -i shop.example.com
                    acl dbg url_param(debug) -m found
                    acl dbg_on url_param(debug) on
                    use_backend be_static if url_static || img
                    use_backend be_blog if url_blog !dbg
                    use_backend be_blog if api_host or shop_dom dbg_on
                    default_backend be_default

                backend be_blog
                    server web01 127.0.0.1:{web01}

                backend be_static
                    server web02 127.0.0.1:{web02}

                backend be_default
                    server web03 127.0.0.1:{web03}
                """)
                .requests(get("/blog/post-1"), get("/blog"), get("/blogger"), get("/Blog/x"), get("/STATIC/a.txt"),
                        get("/images/x.gif"), get("/css/site.css"), get("/css/site.CSS"), get("/img/logo.png"),
                        get("/img/Logo.png"), get("/blog/x?debug=1"), get("/blog/x?nodebug=1"),
                        get("/anything").host("API.example.com"), get("/anything").host("api.example.com:8080"),
                        get("/?debug=on").host("www.shop.example.com"), get("/?debug=off").host("shop.example.com"),
                        get("/?debug=on").host("shop.example.com.evil"))
                .keepAlive(get("/blog/1"), get("/static/2"), get("/other"), get("/blog/3")));
    }

    /** method / METH_POST, src with CIDR, !, unless, anonymous { }, -m int, path_len, hdr_cnt, keep-alive. */
    @Test
    void methodSourceAndOperatorConditions() {
        assertSameAsHaproxy(RuleCase.config("conditions", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    acl local src 127.0.0.0/8 ::1
                    acl office src 10.0.0.0/8 192.168.0.0/16
                    acl write method PUT DELETE
                    use_backend be_office if office
                    use_backend be_write if METH_POST { path_beg /api/ } local
                    use_backend be_write if write !{ path_end .json }
                    use_backend be_office unless local
                    use_backend be_office if { path_len gt 20 }
                    use_backend be_write if { url_param(id) -m int ge 100 }
                    use_backend be_office if { req.hdr(x-tag,-1) -m str last }
                    use_backend be_write if { hdr_cnt(x-tag) ge 2 }
                    use_backend be_office if { src 127.0.0.1/32 } { hdr(x-office) -m found }
                    default_backend be_default

                backend be_write
                    server web01 127.0.0.1:{web01}

                backend be_office
                    server web02 127.0.0.1:{web02}

                backend be_default
                    server web03 127.0.0.1:{web03}
                """)
                .requests(of("POST", "/api/items").body("application/json", "{\"a\":1}"), get("/api/items"),
                        of("POST", "/other").body("text/plain", "x"), of("PUT", "/thing").body("text/plain", "y"),
                        of("DELETE", "/x.json"), of("DELETE", "/x.xml"), of("HEAD", "/"), of("OPTIONS", "/opt"),
                        get("/a/very/long/path/exceeding/twenty"), get("/item?id=150"), get("/item?id=99"),
                        get("/item?id=abc"), get("/tags").header("X-Tag", "a").header("X-Tag", "b"),
                        get("/tags").header("X-Tag", "a"), get("/tags").header("X-Tag", "first").header("X-Tag", "last"),
                        get("/tags").header("X-Tag", "first, last"), get("/tags").header("X-Tag", "last").header("X-Tag", "x"), get("/o").header("X-Office", "1"))
                .keepAlive(of("POST", "/api/a").body("text/plain", "1"), get("/"), of("PUT", "/b").body("text/plain", "2"),
                        get("/item?id=100")));
    }

    /** use_backend %[req.hdr(host),lower,map(file,default)] and map_beg, switching per request on one connection. */
    @Test
    void dynamicUseBackendFromMaps() {
        assertSameAsHaproxy(RuleCase.config("dynamic-use-backend", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    use_backend %[path,map_beg({dir}/paths.map,be_default)] if { path_beg /p/ }
                    use_backend %[req.hdr(host),lower,map({dir}/hosts.map,be_default)]
                    default_backend be_b

                backend be_a
                    server web01 127.0.0.1:{web01}

                backend be_b
                    server web02 127.0.0.1:{web02}

                backend be_default
                    server web03 127.0.0.1:{web03}
                """)
                .file("hosts.map", """
                        # host          backend
                        www.a.example   be_a
                        a.example       be_a
                        b.example       be_b
                        """)
                .file("paths.map", """
                        /p/a be_a
                        /p/b be_b
                        """)
                .requests(get("/").host("www.a.example"), get("/").host("WWW.A.Example"), get("/x").host("b.example"),
                        get("/").host("c.example"), get("/").host("b.example:8080"), get("/p/b/x").host("a.example"),
                        get("/p/zzz").host("a.example"), get("/p/a").host("b.example"))
                .keepAlive(get("/1").host("a.example"), get("/2").host("b.example"), get("/3").host("c.example"),
                        get("/4").host("a.example")));
    }

    /** use-server in a backend, after the frontend chose it; per request on one connection. */
    @Test
    void useServerPinsTheServer() {
        assertSameAsHaproxy(RuleCase.config("use-server", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    default_backend be_pool

                backend be_pool
                    balance first
                    use-server web03 if { path_beg /three }
                    use-server web02 if { hdr(x-server) -i two }
                    use-server web01 if { url_param(s) 1 }
                    server web01 127.0.0.1:{web01}
                    server web02 127.0.0.1:{web02}
                    server web03 127.0.0.1:{web03}
                """)
                .requests(get("/three/x"), get("/x").header("X-Server", "TWO"), get("/other"), get("/three?s=1"))
                .keepAlive(get("/three"), get("/"), get("/y").header("X-Server", "two"), get("/z")));
    }

    /** http-request deny (default and deny_status), allow, return, reject; what follows on the connection. */
    @Test
    void denyAllowReturnAndReject() {
        assertSameAsHaproxy(RuleCase.config("deny-return", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    acl admin path_beg /admin
                    acl bad_ua hdr_sub(user-agent) -i badbot
                    http-request deny if bad_ua
                    http-request deny deny_status 429 if { path_beg /slow }
                    http-request allow if admin { src 127.0.0.1 } { hdr(x-admin) yes }
                    http-request deny if admin
                    http-request return status 200 content-type text/plain string "pong" if { path /ping }
                    http-request return status 503 content-type "text/plain; charset=utf-8" string "down for maintenance" hdr X-Maint yes if { path_beg /maint }
                    http-request return status 404 if { path_beg /gone }
                    http-request reject if { path_beg /reject }
                    http-request set-header X-After-Allow yes
                    default_backend be_default

                backend be_default
                    server web01 127.0.0.1:{web01}
                """)
                .requests(get("/").header("User-Agent", "Mozilla BadBot/1.0"), get("/slow"),
                        get("/admin/x").header("X-Admin", "yes"), get("/admin/x"), get("/ping"), get("/ping?x"),
                        get("/maint/page"), get("/gone"), get("/reject"), get("/ok"))
                .keepAlive(get("/ping"), get("/"), get("/admin"), get("/after-deny"))
                .keepAlive(get("/maint"), get("/after-return")));
    }

    /** Legacy redirect location|prefix|scheme with code, drop-query, append-slash; http-request redirect; order. */
    @Test
    void redirects() {
        assertSameAsHaproxy(RuleCase.config("redirects", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    redirect location /new-home code 301 if { path / } { hdr(host) -i old.example }
                    redirect prefix https://www.example.com code 302 if { hdr(host) -i example.com }
                    redirect prefix /v2 drop-query if { path_beg /v1/ }
                    redirect scheme https code 308 if { hdr(host) -i secure.example }
                    redirect scheme https drop-query append-slash if { hdr(host) -i slash.example }
                    redirect prefix /dir append-slash if { path_beg /docs }
                    redirect location /legacy-wins code 307 if { path_beg /both }
                    http-request redirect location /login?next=%[path] code 303 if { path_beg /private }
                    http-request redirect prefix /archive code 301 if { path_beg /old/ }
                    http-request redirect scheme https if { path_beg /tls }
                    http-request redirect location https://%[req.hdr(host)]%[url] code 302 if { path_beg /full }
                    http-request redirect location /http-request-wins if { path_beg /both }
                    default_backend be_default

                backend be_default
                    server web01 127.0.0.1:{web01}
                """)
                .requests(get("/").host("old.example"), get("/a").host("old.example"), get("/a?b=1").host("example.com"),
                        get("/v1/x?q=1"), get("/p?q=1").host("secure.example"), get("/dir?x=1").host("slash.example"),
                        get("/dir/?x=1").host("slash.example"), get("/docs"), get("/docs/"), get("/docs/a?x=1"),
                        get("/private/area?x=1"), get("/old/x?y=2"), get("/tls?y=1"), get("/full/path?z=3"),
                        get("/both"), get("/not-redirected"))
                .keepAlive(get("/tls"), get("/after-redirect")));
    }

    /** set-header with %[src]/%[path]/converters, add-header, del-header, replace-header, replace-value, forwardfor. */
    @Test
    void requestHeaderRewrites() {
        assertSameAsHaproxy(RuleCase.config("header-rewrites", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    option forwardfor
                    http-request set-header X-Client-IP %[src]
                    http-request set-header X-Orig-Path %[path]
                    http-request add-header X-Tag one
                    http-request add-header X-Tag two
                    http-request set-header X-Replace-Me new
                    http-request del-header X-Secret
                    http-request del-header Cookie if { path_beg /nocookie }
                    http-request replace-header User-Agent ^(\\w+)/(.*)$ \\1-agent/\\2
                    http-request replace-value X-List ^b$ B
                    http-request set-header X-Host-Lower %[req.hdr(host),lower]
                    http-request set-header X-Both "%[src] %[method]"
                    http-request set-header X-Name %[url_param(name),upper] if { url_param(name) -m found }
                    http-request set-header X-Session %[req.cook(sid)] if { req.cook(sid) -m found }
                    http-request set-header Host backend.internal if { path_beg /internal }
                    default_backend be_default

                backend be_default
                    http-request set-header X-Backend-Rule default
                    server web01 127.0.0.1:{web01}
                """)
                .requests(get("/nocookie/x?name=bob").host("WWW.Example.COM").header("Cookie", "a=1")
                                .header("X-Secret", "s").header("X-Replace-Me", "old").header("X-Replace-Me", "older")
                                .header("User-Agent", "curl/8.0").header("X-List", "a, b, c")
                                .header("X-Forwarded-For", "10.1.1.1"),
                        get("/with-cookie").header("Cookie", "a=1; sid=abc123").header("X-List", "b").header("User-Agent", "no-slash"),
                        of("POST", "/form").body("application/x-www-form-urlencoded", "a=1&b=2"),
                        get("/tag").header("X-Tag", "zero"), get("/internal/x").host("public.example"))
                .keepAlive(get("/k1?name=x"), get("/k2").header("X-Secret", "s")));
    }

    /** set-path, set-query, set-uri, set-method, replace-path, replace-uri, regsub; use_backend sees the rewrite. */
    @Test
    void uriRewrites() {
        assertSameAsHaproxy(RuleCase.config("uri-rewrites", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    http-request set-path /api%[path] if { hdr(host) -i api.example }
                    http-request replace-path /old/(.*) /new/\\1
                    http-request set-query lang=en&%[query] if { path_beg /i18n }
                    http-request set-uri /fixed?from=%[path] if { path_beg /seturi }
                    http-request set-method POST if { path_beg /force-post }
                    http-request replace-uri ^/legacy/(.*) /modern/\\1
                    http-request set-path %[path,regsub(/+,/,g)] if { path_sub // }
                    use_backend be_api if { path_beg /api/ }
                    default_backend be_default

                backend be_api
                    http-request set-header X-Api-Path %[path]
                    server web02 127.0.0.1:{web02}

                backend be_default
                    server web01 127.0.0.1:{web01}
                """)
                .requests(get("/users?x=1").host("api.example"), get("/old/a/b?q=1"), get("/oldish/a"),
                        get("/i18n/page?x=1"), get("/i18n/page"), get("/seturi/abc?z=9"), get("/force-post/x"),
                        get("/legacy/thing?x=2"), get("/a//b///c?d=1"), get("/api/direct"))
                .keepAlive(get("/old/1"), get("/plain"), get("/x").host("api.example")));
    }

    /** acl -f files, path_dir/path_sub/hdr_val/-m reg/path_len, predefined ACLs, and the string converters. */
    @Test
    void matchersFilesAndConverters() {
        assertSameAsHaproxy(RuleCase.config("matchers-converters", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    acl from_list path_beg -f {dir}/prefixes.lst
                    acl listed_src src -f {dir}/sources.lst
                    http-request set-header X-Url %[url]
                    http-request set-header X-Base %[base]
                    http-request set-header X-Query %[query] if { query -m found }
                    http-request set-header X-Seg %[path,field(2,/)]
                    http-request set-header X-Host-Word %[req.hdr(host),word(1,.)]
                    http-request set-header X-Dec %[url_param(q),url_dec] if { url_param(q) -m found }
                    http-request set-header X-B64 %[req.hdr(x-plain),base64] if { req.hdr(x-plain) -m found }
                    http-request set-header X-Hex %[req.hdr(x-plain),hex] if { req.hdr(x-plain) -m found }
                    http-request set-header X-Bytes %[req.hdr(x-plain),bytes(1,3)] if { req.hdr(x-plain) -m found }
                    http-request set-header X-Len %[req.hdr(x-plain),length] if { req.hdr(x-plain) -m found }
                    http-request set-header X-Regsub %[req.hdr(host),regsub(\\.,-,g)]
                    http-request set-header X-Predefined yes if LOCALHOST HTTP_1.1 METH_GET TRUE !FALSE HTTP
                    use_backend be_a if from_list listed_src
                    use_backend be_b if { path_dir docs } || { path_sub -i secret }
                    use_backend be_b if { hdr_val(x-n) gt 5 }
                    use_backend be_b if { path_len 3 }
                    use_backend be_b if { req.hdr(x-code) -m len 4 }
                    use_backend be_a if { path_beg -- /-dash }
                    use_backend be_b if { hdr(host) -m reg -i ^img[0-9]+\\. }
                    default_backend be_default

                backend be_a
                    server web01 127.0.0.1:{web01}

                backend be_b
                    server web02 127.0.0.1:{web02}

                backend be_default
                    server web03 127.0.0.1:{web03}
                """)
                .file("prefixes.lst", "/list/a\n/list/b\n")
                .file("sources.lst", "# local\n10.0.0.0/8\n127.0.0.1\n")
                .requests(get("/list/a/x"), get("/list/c"), get("/docs/x"), get("/x/docs"), get("/docsx"),
                        get("/top/SECRET/x"), get("/n").header("X-N", "10"), get("/n").header("X-N", "3"), get("/abc"), get("/ab"),
                        get("/c").header("X-Code", "abcd"), get("/c").header("X-Code", "abc"), get("/-dash/x"),
                        get("/").host("IMG12.example"), get("/").host("img.example"),
                        get("/seg/two?q=a%20b%2Fc&x=1").host("www.example.com").header("X-Plain", "hello"),
                        of("POST", "/post").body("text/plain", "z"))
                .keepAlive(get("/list/b"), get("/docs/"), get("/q?q=%41")));
    }

    /** set-var in txn/req scope and var() in headers, ACLs and response rules. */
    @Test
    void variables() {
        assertSameAsHaproxy(RuleCase.config("variables", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    http-request set-var(txn.host) req.hdr(host),lower
                    http-request set-var(req.tier) req.hdr(x-plan),lower if { req.hdr(x-plan) -m found }
                    http-request set-var(txn.len) path,length
                    http-request set-header X-Var-Host %[var(txn.host)]
                    http-request set-header X-Tier %[var(req.tier)] if { var(req.tier) -m found }
                    http-request set-header X-Path-Len %[var(txn.len)]
                    http-response set-header X-Resp-Host %[var(txn.host)]
                    use_backend be_gold if { var(req.tier) -m str premium }
                    use_backend be_a if { var(txn.host) -m end .a.example }
                    default_backend be_default

                backend be_gold
                    server web01 127.0.0.1:{web01}

                backend be_a
                    server web02 127.0.0.1:{web02}

                backend be_default
                    server web03 127.0.0.1:{web03}
                """)
                .requests(get("/").header("X-Plan", "Premium"), get("/path/x").host("WWW.A.Example"),
                        get("/x").header("X-Plan", "basic"), get("/"))
                .keepAlive(get("/1").header("X-Plan", "premium"), get("/2"), get("/3").host("b.a.example")));
    }

    /**
     * set-var-fmt in request and response rules: a log-format string into a variable (set even when it renders
     * empty), read back by headers, conditions and use_backend.
     */
    @Test
    void setVarFmt() {
        assertSameAsHaproxy(RuleCase.config("set-var-fmt", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    http-request set-var-fmt(txn.from) %[src]:%[path]
                    http-request set-var-fmt(req.empty) %[req.hdr(x-none)]
                    http-request set-var-fmt(txn.host) host=%[req.hdr(host),lower]
                    http-request set-header X-From %[var(txn.from)]
                    http-request set-header X-Empty-Set yes if { var(req.empty) -m found }
                    http-request set-header X-Host-Fmt %[var(txn.host)]
                    http-response set-var-fmt(res.st) st=%[status]/%[var(txn.host)]
                    http-response set-header X-Status %[var(res.st)]
                    use_backend be_a if { var(txn.host) -m end .a.example }
                    default_backend be_default

                backend be_a
                    server web01 127.0.0.1:{web01}

                backend be_default
                    server web02 127.0.0.1:{web02}
                """)
                .requests(get("/"), get("/x/y?z=1").host("WWW.A.Example"), get("/missing/page"))
                .keepAlive(get("/1").host("b.a.example"), get("/2")));
    }

    /** http-response set-header/add-header/del-header/replace-header/set-status/deny/return, status fetch. */
    @Test
    void responseRules() {
        assertSameAsHaproxy(RuleCase.config("response-rules", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    http-request set-var(txn.path) path
                    http-response set-header X-Frame-Options DENY
                    http-response del-header X-Powered-By
                    http-response add-header X-Via proxy-one
                    http-response add-header X-Via proxy-two
                    http-response replace-header Cache-Control ^no-cache(.*)$ no-store\\1
                    http-response set-status 410 reason "Gone Away" if { status 404 }
                    http-response set-status 299 if { var(txn.path) -m beg /odd }
                    http-response set-header X-Status %[status]
                    http-response deny if { res.hdr(x-served-by) web02 }
                    http-response return status 200 content-type text/plain string "replaced" if { res.hdr(x-served-by) -m beg backend-rule- } { var(txn.path) -m beg /c/replace }
                    use_backend be_b if { path_beg /b }
                    use_backend be_c if { path_beg /c }
                    default_backend be_default

                backend be_default
                    server web01 127.0.0.1:{web01}

                backend be_b
                    server web02 127.0.0.1:{web02}

                backend be_c
                    http-response set-header X-Served-By backend-rule-%[res.hdr(x-served-by)]
                    server web03 127.0.0.1:{web03}
                """)
                .requests(get("/"), get("/missing/x"), get("/odd/x"), get("/b"), get("/c/replace"), get("/c/other"))
                .keepAlive(get("/missing/1"), get("/b/1"), get("/2"), get("/c/replace/3"), get("/4"))
                .keepAlive(get("/c/replace"), get("/after-response-return"))
                .keepAlive(get("/b/2"), get("/after-response-deny")));
    }

    /** tcp-request connection accept/reject (by src) and tcp-request content reject on HTTP fetches. */
    @Test
    void tcpRequestRules() {
        assertSameAsHaproxy(RuleCase.config("tcp-request", """
                frontend fe
                    bind 127.0.0.1:{fe}
                    tcp-request connection accept if { src 127.0.0.0/8 }
                    tcp-request connection reject
                    tcp-request inspect-delay 2s
                    tcp-request content reject if { req.hdr(x-block) -m found }
                    tcp-request content accept
                    default_backend be_default

                frontend fe_closed
                    bind 127.0.0.1:{fe2}
                    tcp-request connection reject if { src 127.0.0.0/8 }
                    default_backend be_default

                backend be_default
                    server web01 127.0.0.1:{web01}
                """)
                .requests(get("/"), get("/x").header("X-Block", "1"), get("/").toSecondFrontend())
                .keepAlive(get("/1"), get("/2").header("X-Block", "1"), get("/3")));
    }

    /**
     * userlist with insecure and SHA-512 crypt passwords, http_auth and http_auth_group, http-request auth with the
     * default and a named realm; tarpit with deny_status after a short timeout tarpit. Right, wrong and missing
     * credentials; what follows on the connection. (The tarpit's wait itself is timed in lb-proxy's engine test.)
     */
    @Test
    void authAndTarpit() {
        String alice = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:wonderland".getBytes());
        String bob = "Basic " + java.util.Base64.getEncoder().encodeToString("bob:Hello world!".getBytes());
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:wrong".getBytes());
        assertSameAsHaproxy(RuleCase.config("auth-tarpit", """
                userlist admins
                    group ops users alice
                    user alice insecure-password wonderland
                    user bob password $6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1

                frontend fe
                    bind 127.0.0.1:{fe}
                    timeout tarpit 200ms
                    http-request tarpit if { path_beg /trap }
                    http-request tarpit deny_status 403 if { path_beg /forbidden-trap }
                    http-request auth realm "Ops area" if { path_beg /ops } !{ http_auth_group(admins) ops }
                    http-request auth if { path_beg /private } !{ http_auth(admins) }
                    http-request set-header X-User %[http_auth_group(admins)] if { http_auth(admins) }
                    default_backend be_default

                backend be_default
                    server web01 127.0.0.1:{web01}
                """)
                .requests(get("/private"), get("/private").header("Authorization", alice),
                        get("/private").header("Authorization", bob), get("/private").header("Authorization", wrong),
                        get("/private").header("Authorization", "Bearer abc"), get("/ops").header("Authorization", bob),
                        get("/ops").header("Authorization", alice), get("/ops"), get("/public"), get("/trap"),
                        get("/forbidden-trap"))
                .keepAlive(get("/private"), get("/private").header("Authorization", alice), get("/trap"),
                        get("/after-trap")));
    }

    private static void assertSameAsHaproxy(RuleCase c) {
        Path caseDir = caseDir(c);
        List<Observation> expected = CaseRun.observe(Engine.HAPROXY, c, BACKENDS, caseDir);
        List<Observation> actual = CaseRun.observe(Engine.underTest(), c, BACKENDS, caseDir);
        writeObservations(caseDir.resolve("haproxy.txt"), c, expected);
        writeObservations(caseDir.resolve(Engine.underTest() + ".txt"), c, actual);
        StringBuilder report = new StringBuilder();
        int i = 0;
        int mismatches = 0;
        int connection = 0;
        for (List<ProbeRequest> requests : c.connections()) {
            connection++;
            for (ProbeRequest r : requests) {
                List<String> diff = expected.get(i).differences(actual.get(i), "haproxy", "ballast");
                if (!diff.isEmpty()) {
                    mismatches++;
                    report.append("\n#").append(i + 1).append(requests.size() > 1 ? " (keep-alive connection "
                            + connection + ")" : "").append(": ").append(r).append('\n');
                    diff.forEach(line -> report.append("  ").append(line).append('\n'));
                }
                i++;
            }
        }
        if (mismatches > 0) {
            String message = "case " + c + ": " + mismatches + " of " + i + " requests differ from HAProxy "
                    + "(configurations in " + caseDir + ")\n" + report;
            System.out.println(message);
            fail(message);
        }
    }

    private static void writeObservations(Path file, RuleCase c, List<Observation> observations) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (List<ProbeRequest> requests : c.connections()) {
            for (ProbeRequest r : requests) {
                b.append("#").append(i + 1).append(' ').append(r).append('\n')
                        .append(observations.get(i).toString().indent(4)).append('\n');
                i++;
            }
        }
        try {
            Files.writeString(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kept after the run (under target/it-logs) so a mismatch can be reproduced with the same files. */
    private static Path caseDir(RuleCase c) {
        try {
            return Files.createDirectories(BallastProcess.LOG_DIR.resolve("rules-differential").resolve(c.name())
                    .toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
