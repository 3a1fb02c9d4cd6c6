package io.ballast.acl.internal.fetch;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Fetch;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.pattern.MatchMethod;
import io.ballast.acl.internal.sample.Casts;
import io.ballast.acl.internal.sample.IpAddresses;
import io.ballast.acl.internal.sample.Sample;
import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Layer 7 fetches (HAProxy's http_fetch.c): request line, headers, cookies, URL parameters, response status and
 * headers. They find nothing when there is no HTTP request (TCP mode, {@code tcp-request connection} rules) or,
 * for {@code res.*}, no response.
 */
public final class HttpFetches {

    private HttpFetches() {
    }

    private static final String[] SUFFIXES = {"_beg", "_dir", "_dom", "_end", "_len", "_reg", "_sub"};
    private static final MatchMethod[] METHODS = {MatchMethod.BEG, MatchMethod.DIR, MatchMethod.DOM, MatchMethod.END,
            MatchMethod.LEN, MatchMethod.REG, MatchMethod.SUB};

    public static void register(Map<String, Keyword> m) {
        Keyword path = Keyword.fetch("path", Sample.STR, 0, a -> PATH);
        Keyword url = Keyword.fetch("url", Sample.STR, 0, a -> URL);
        Keyword base = Keyword.fetch("base", Sample.STR, 0, a -> BASE);
        Keyword hdr = Keyword.fetch("hdr", Sample.STR, 0, a -> header(a.str(0, null), (int) a.integer(1, 0), false, false),
                ArgKind.STR, ArgKind.SINT);
        Keyword shdr = Keyword.fetch("shdr", Sample.STR, 0, a -> header(a.str(0, null), (int) a.integer(1, 0), false, true),
                ArgKind.STR, ArgKind.SINT);
        Keyword cook = Keyword.fetch("cook", Sample.STR, 0, a -> new Cookie(a.str(0, ""), false), ArgKind.STR);
        Keyword urlp = Keyword.fetch("url_param", Sample.STR, 0,
                a -> new UrlParam(a.str(0, ""), a.str(1, "&"), "i".equals(a.str(2, ""))),
                ArgKind.STR, ArgKind.STR, ArgKind.STR);
        for (Keyword k : new Keyword[] {path, url, base, hdr, shdr, cook, urlp, urlp.alias("urlp")}) {
            put(m, k);
            String stem = k.name().equals("url_param") ? null : k.name();
            if (stem != null) {
                for (int i = 0; i < SUFFIXES.length; i++) {
                    put(m, k.derive(stem + SUFFIXES[i], METHODS[i]));
                }
            }
        }
        put(m, hdr.alias("req.hdr"));
        put(m, shdr.alias("res.hdr"));
        put(m, cook.alias("req.cook"));
        put(m, Keyword.fetch("pathq", Sample.STR, 0, a -> PATHQ));
        put(m, Keyword.fetch("query", Sample.STR, 0, a -> QUERY));
        put(m, new Keyword("method", (byte) 0, Sample.STR, new ArgKind[0], 0, MatchMethod.METH, false, a -> METHOD, null));
        Keyword ver = Keyword.fetch("req.ver", Sample.STR, 0, a -> VERSION);
        put(m, ver);
        put(m, ver.alias("req_ver"));
        put(m, Keyword.fetch("req.proto_http", Sample.BOOL, 0, a -> PROTO_HTTP));

        Keyword fhdr = Keyword.fetch("req.fhdr", Sample.STR, 0, a -> header(a.str(0, null), (int) a.integer(1, 0), true, false),
                ArgKind.STR, ArgKind.SINT);
        put(m, fhdr);
        put(m, Keyword.fetch("res.fhdr", Sample.STR, 0, a -> header(a.str(0, null), (int) a.integer(1, 0), true, true),
                ArgKind.STR, ArgKind.SINT));
        for (String n : new String[] {"hdr_cnt", "req.hdr_cnt"}) {
            put(m, Keyword.fetch(n, Sample.SINT, 0, a -> new HeaderCount(a.str(0, null), false, false), ArgKind.STR));
        }
        for (String n : new String[] {"shdr_cnt", "res.hdr_cnt"}) {
            put(m, Keyword.fetch(n, Sample.SINT, 0, a -> new HeaderCount(a.str(0, null), false, true), ArgKind.STR));
        }
        put(m, Keyword.fetch("req.fhdr_cnt", Sample.SINT, 0, a -> new HeaderCount(a.str(0, null), true, false), ArgKind.STR));
        put(m, Keyword.fetch("res.fhdr_cnt", Sample.SINT, 0, a -> new HeaderCount(a.str(0, null), true, true), ArgKind.STR));
        for (String n : new String[] {"hdr_val", "req.hdr_val"}) {
            put(m, Keyword.fetch(n, Sample.SINT, 0, a -> new ToInt(header(a.str(0, null), (int) a.integer(1, 0), false, false)),
                    ArgKind.STR, ArgKind.SINT));
        }
        for (String n : new String[] {"shdr_val", "res.hdr_val"}) {
            put(m, Keyword.fetch(n, Sample.SINT, 0, a -> new ToInt(header(a.str(0, null), (int) a.integer(1, 0), false, true)),
                    ArgKind.STR, ArgKind.SINT));
        }
        for (String n : new String[] {"hdr_ip", "req.hdr_ip"}) {
            put(m, Keyword.fetch(n, Sample.IPV4, 0, a -> new HeaderIp(header(a.str(0, null), (int) a.integer(1, 0), false, false)),
                    ArgKind.STR, ArgKind.SINT));
        }
        for (String n : new String[] {"shdr_ip", "res.hdr_ip"}) {
            put(m, Keyword.fetch(n, Sample.IPV4, 0, a -> new HeaderIp(header(a.str(0, null), (int) a.integer(1, 0), false, true)),
                    ArgKind.STR, ArgKind.SINT));
        }
        for (String n : new String[] {"cook_cnt", "req.cook_cnt"}) {
            put(m, Keyword.fetch(n, Sample.SINT, 0, a -> new CookieCount(a.str(0, "")), ArgKind.STR));
        }
        for (String n : new String[] {"cook_val", "req.cook_val"}) {
            put(m, Keyword.fetch(n, Sample.SINT, 0, a -> new ToInt(new Cookie(a.str(0, ""), false)), ArgKind.STR));
        }
        put(m, Keyword.fetch("urlp_val", Sample.SINT, 0,
                a -> new ToInt(new UrlParam(a.str(0, ""), a.str(1, "&"), "i".equals(a.str(2, "")))),
                ArgKind.STR, ArgKind.STR, ArgKind.STR));
        put(m, Keyword.fetch("status", Sample.SINT, 0, a -> STATUS));
    }

    private static void put(Map<String, Keyword> m, Keyword k) {
        m.put(k.name(), k);
    }

    private static Fetch header(String name, int occ, boolean full, boolean response) {
        String n = name == null || name.isEmpty() ? null : name.toLowerCase(Locale.ROOT);
        return new Fetch() {
            @Override
            public boolean fetch(SampleContext ctx, Sample smp) {
                return Headers.fetch(ctx, response, n, occ, full, smp);
            }
        };
    }

    /** The path of the request target, without the query string (also for absolute-form targets). */
    static String path(RequestView r) {
        String p = r.path();
        if (p == null) {
            return null;
        }
        if (p.isEmpty() || p.charAt(0) == '/' || p.charAt(0) == '*') {
            return p;
        }
        int scheme = p.indexOf("://");
        if (scheme > 0) {
            int slash = p.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : p.substring(slash);
        }
        return p;
    }

    /** A fetch of one string part of the request, found when there is a request and the part is not null. */
    private static Fetch requestString(Function<RequestView, String> part) {
        return new Fetch() {
            @Override
            public boolean fetch(SampleContext ctx, Sample smp) {
                RequestView r = ctx.request();
                String value = r == null ? null : part.apply(r);
                if (value == null) {
                    return false;
                }
                smp.setStr(value);
                return true;
            }
        };
    }

    /** The path and query: the target as sent when it starts with '/', else rebuilt from path and query. */
    private static String pathAndQuery(RequestView r) {
        String u = r.uri();
        if (u == null || u.startsWith("/")) {
            return u;
        }
        String q = r.query();
        return q == null ? path(r) : path(r) + "?" + q;
    }

    /** Host header + path; the path alone without Host (HAProxy's smp_fetch_base). */
    private static String base(RequestView r) {
        String p = path(r);
        if (p == null) {
            return null;
        }
        String host = r.header("host");
        return host == null || host.isEmpty() ? p : host + p;
    }

    private static final Fetch PATH = requestString(HttpFetches::path);
    private static final Fetch URL = requestString(RequestView::uri);
    private static final Fetch PATHQ = requestString(HttpFetches::pathAndQuery);
    private static final Fetch QUERY = requestString(RequestView::query);
    private static final Fetch BASE = requestString(HttpFetches::base);
    private static final Fetch METHOD = requestString(RequestView::method);
    private static final Fetch VERSION = requestString(RequestView::version);

    private static final Fetch PROTO_HTTP = new Fetch() {
        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            smp.setBool(ctx.request() != null);
            return true;
        }
    };

    private static final Fetch STATUS = new Fetch() {
        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            ResponseView r = ctx.response();
            if (r == null) {
                return false;
            }
            smp.setInt(r.status());
            return true;
        }
    };

    private static final class HeaderCount extends Fetch {
        private final String name;
        private final boolean full;
        private final boolean response;

        HeaderCount(String name, boolean full, boolean response) {
            this.name = name == null || name.isEmpty() ? null : name;
            this.full = full;
            this.response = response;
        }

        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            if (Headers.count(ctx, response) < 0) {
                return false;
            }
            smp.setInt(Headers.countValues(ctx, response, name, full));
            return true;
        }
    }

    /** Each value of the inner fetch as an integer (HAProxy's {@code hdr_val}, {@code cook_val}, {@code urlp_val}). */
    private static final class ToInt extends Fetch {
        private final Fetch inner;

        ToInt(Fetch inner) {
            this.inner = inner;
        }

        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            if (!inner.fetch(ctx, smp)) {
                return false;
            }
            // HAProxy's strl2ic: a 32-bit int that wraps (the low 32 bits of the 64-bit parse are the same)
            smp.setInt((int) Casts.parseLeadingLong(smp.str, smp.off, smp.off + smp.len));
            return true;
        }
    }

    /**
     * Header values that are addresses: {@code a.b.c.d[:port]} or a bare IPv6 address; others are skipped
     * ({@code [2001:db8::7]:443} is not an address for haproxy 2.6.12 either).
     */
    private static final class HeaderIp extends Fetch {
        private final Fetch inner;

        HeaderIp(Fetch inner) {
            this.inner = inner;
        }

        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            while (inner.fetch(ctx, smp)) {
                String v = smp.string();
                int colon = v.indexOf(':');
                if (colon > 0 && v.indexOf(':', colon + 1) < 0) {
                    v = v.substring(0, colon);
                }
                if (IpAddresses.isIpv4(v)) {
                    smp.setIpv4(IpAddresses.parseIpv4(v));
                    return true;
                }
                long[] v6 = IpAddresses.parseIpv6(v);
                if (v6 != null) {
                    smp.setIpv6(v6[0], v6[1]);
                    return true;
                }
                if (!smp.more) {
                    return false;
                }
            }
            return false;
        }
    }

    /**
     * {@code cook(name)}: values of cookie {@code name} in the Cookie headers (every one in ACLs, the last one
     * otherwise); an empty name matches any cookie (the first one outside ACLs).
     */
    static final class Cookie extends Fetch {
        private final String name;
        private final boolean response;

        Cookie(String name, boolean response) {
            this.name = name;
            this.response = response;
        }

        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            if (Headers.count(ctx, response) < 0) {
                return false;
            }
            if (smp.iterate || name.isEmpty()) {
                boolean found = next(ctx, smp);
                smp.more = found && smp.iterate;
                return found;
            }
            boolean any = false;
            String s = null;
            int from = 0;
            int to = 0;
            while (next(ctx, smp)) {
                any = true;
                s = smp.str;
                from = smp.off;
                to = smp.off + smp.len;
            }
            if (any) {
                smp.setStr(s, from, to);
            }
            return any;
        }

        /** Next matching cookie from line it0, offset it1. */
        private boolean next(SampleContext ctx, Sample smp) {
            int n = Headers.count(ctx, response);
            String hname = response ? "set-cookie" : "cookie";
            for (int i = smp.it0; i < n; i++) {
                if (!Headers.name(ctx, response, i).equalsIgnoreCase(hname)) {
                    continue;
                }
                String v = Headers.value(ctx, response, i);
                int p = i == smp.it0 ? smp.it1 : 0;
                // as HAProxy's http_extract_cookie_value: "name=" must be followed by at least one character of
                // the line, so a lone "id=" holds no cookie while "id=; b=2" holds an empty one
                while (p + name.length() + 1 < v.length()) {
                    int semi = v.indexOf(';', p);
                    int end = semi < 0 ? v.length() : semi;
                    int ns = p;
                    while (ns < end && Headers.isBlank(v.charAt(ns))) {
                        ns++;
                    }
                    int eq = v.indexOf('=', ns);
                    p = end + 1;
                    if (eq < 0 || eq > end) {
                        continue;
                    }
                    int ne = eq;
                    while (ne > ns && Headers.isBlank(v.charAt(ne - 1))) {
                        ne--;
                    }
                    if (name.isEmpty() || (ne - ns == name.length() && v.startsWith(name, ns))) {
                        Headers.setTrimmed(smp, v, eq + 1, end);
                        smp.it0 = i;
                        smp.it1 = p;
                        return true;
                    }
                }
                smp.it0 = i + 1;
                smp.it1 = 0;
            }
            smp.it0 = Math.max(n, 0);
            return false;
        }
    }

    private static final class CookieCount extends Fetch {
        private final Cookie cookie;

        CookieCount(String name) {
            this.cookie = new Cookie(name, false);
        }

        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            if (ctx.request() == null) {
                return false;
            }
            boolean it = smp.iterate;
            smp.iterate = true;
            int c = 0;
            while (cookie.fetch(ctx, smp)) {
                c++;
                if (!smp.more) {
                    break;
                }
            }
            smp.iterate = it;
            smp.more = false;
            smp.setInt(c);
            return true;
        }
    }

    /**
     * {@code url_param(name[,delim[,i]])}: the value of a query-string parameter written {@code name=value} (a
     * parameter without {@code =} is not found, checked with haproxy 2.6.12); the first occurrence, or every one in
     * ACLs. Without a name, any parameter.
     */
    static final class UrlParam extends Fetch {
        private final String name;
        private final char delim;
        private final boolean icase;

        UrlParam(String name, String delim, boolean icase) {
            this.name = name;
            this.delim = delim.isEmpty() ? '&' : delim.charAt(0);
            this.icase = icase;
        }

        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            RequestView r = ctx.request();
            if (r == null || r.uri() == null) {
                return false;
            }
            String u = r.uri();
            int q = u.indexOf('?');
            if (q < 0) {
                return false;
            }
            int p = smp.it1 == 0 ? q + 1 : smp.it1;
            while (p <= u.length()) {
                int end = u.indexOf(delim, p);
                if (end < 0) {
                    end = u.length();
                }
                int eq = u.indexOf('=', p);
                int next = end + 1;
                if (eq >= 0 && eq < end && (name.isEmpty()
                        || (eq - p == name.length() && u.regionMatches(icase, p, name, 0, name.length())))) {
                    smp.setStr(u, eq + 1, end);
                    smp.it1 = next;
                    smp.more = smp.iterate;
                    return true;
                }
                p = next;
            }
            smp.more = false;
            return false;
        }
    }
}
