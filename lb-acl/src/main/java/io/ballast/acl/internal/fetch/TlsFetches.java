package io.ballast.acl.internal.fetch;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.Fetch;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.pattern.MatchMethod;
import io.ballast.acl.internal.sample.Sample;
import io.ballast.core.request.TlsInfo;

import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * The TLS fetches of the client connection (HAProxy cfg §7.3.4): {@code ssl_fc_sni} (with the ACL derivatives
 * {@code ssl_fc_sni_end} and {@code ssl_fc_sni_reg}), {@code ssl_fc_has_sni}, {@code ssl_fc_protocol},
 * {@code ssl_fc_cipher}, {@code ssl_fc_alpn}, {@code ssl_fc_is_resumed}, {@code ssl_c_used}, {@code ssl_fc_has_crt},
 * {@code ssl_c_verify}, {@code ssl_c_s_dn} and {@code ssl_c_i_dn}. On a connection that is not TLS they find nothing,
 * as in HAProxy. ({@code ssl_fc} itself is in {@link MiscFetches}.)
 */
public final class TlsFetches {

    private TlsFetches() {
    }

    /** Adds the TLS fetches and their ACL derivatives to {@code m}. */
    public static void register(Map<String, Keyword> m) {
        Keyword sni = text("ssl_fc_sni", TlsInfo::serverName);
        m.put(sni.name(), sni);
        m.put("ssl_fc_sni_end", sni.derive("ssl_fc_sni_end", MatchMethod.END));
        m.put("ssl_fc_sni_reg", sni.derive("ssl_fc_sni_reg", MatchMethod.REG));
        put(m, bool("ssl_fc_has_sni", t -> t.serverName() != null));
        put(m, text("ssl_fc_protocol", TlsInfo::protocol));
        put(m, text("ssl_fc_cipher", TlsInfo::cipher));
        put(m, text("ssl_fc_alpn", TlsInfo::alpn));
        put(m, bool("ssl_fc_is_resumed", TlsInfo::resumed));
        put(m, bool("ssl_c_used", TlsInfo::clientCertificate));
        put(m, bool("ssl_fc_has_crt", TlsInfo::clientCertificate));
        put(m, integer("ssl_c_verify", TlsInfo::clientVerifyResult));
        put(m, text("ssl_c_s_dn", TlsInfo::clientSubject));
        put(m, text("ssl_c_i_dn", TlsInfo::clientIssuer));
    }

    private static void put(Map<String, Keyword> m, Keyword k) {
        m.put(k.name(), k);
    }

    private static Keyword text(String name, Function<TlsInfo, String> value) {
        return fetch(name, Sample.STR, (tls, smp) -> {
            String v = value.apply(tls);
            if (v == null) {
                return false;
            }
            smp.setStr(v);
            return true;
        });
    }

    private static Keyword bool(String name, Predicate<TlsInfo> value) {
        return fetch(name, Sample.BOOL, (tls, smp) -> {
            smp.setBool(value.test(tls));
            return true;
        });
    }

    private static Keyword integer(String name, ToIntFunction<TlsInfo> value) {
        return fetch(name, Sample.SINT, (tls, smp) -> {
            smp.setInt(value.applyAsInt(tls));
            return true;
        });
    }

    /** A fetch of a fact of the connection's TLS: nothing without TLS; {@code set} fills the sample if it can. */
    private static Keyword fetch(String name, byte type, BiPredicate<TlsInfo, Sample> set) {
        Fetch f = new Fetch() {
            @Override
            public boolean fetch(SampleContext ctx, Sample smp) {
                TlsInfo tls = ctx.tls();
                return tls != null && set.test(tls, smp);
            }
        };
        return Keyword.fetch(name, type, 0, a -> f);
    }
}
