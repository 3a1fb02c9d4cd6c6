package io.ballast.acl.internal.fetch;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.ArgException;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Fetch;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.sample.IpAddresses;
import io.ballast.acl.internal.sample.Sample;

import java.util.Map;
import java.util.Set;

/**
 * Constants and internal fetches: {@code always_true}, {@code always_false}, {@code int}, {@code str},
 * {@code bool}, {@code ipv4}, {@code ipv6}, {@code env}, {@code var}, {@code ssl_fc}, {@code wait_end}.
 */
public final class MiscFetches {

    private MiscFetches() {
    }

    static final Set<String> SCOPES = Set.of("proc", "sess", "txn", "req", "res", "check");

    public static void register(Map<String, Keyword> m) {
        m.put("always_true", Keyword.fetch("always_true", Sample.BOOL, 0, a -> constBool(true)));
        m.put("always_false", Keyword.fetch("always_false", Sample.BOOL, 0, a -> constBool(false)));
        m.put("wait_end", Keyword.fetch("wait_end", Sample.BOOL, 0, a -> constBool(true)));
        m.put("int", Keyword.fetch("int", Sample.SINT, 1, a -> {
            long v = a.integer(0, 0);
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    smp.setInt(v);
                    return true;
                }
            };
        }, ArgKind.SINT));
        m.put("bool", Keyword.fetch("bool", Sample.BOOL, 1, a -> constBool(a.integer(0, 0) != 0), ArgKind.SINT));
        m.put("str", Keyword.fetch("str", Sample.STR, 1, a -> {
            String v = a.str(0);
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    smp.setStr(v);
                    return true;
                }
            };
        }, ArgKind.STR));
        m.put("ipv4", Keyword.fetch("ipv4", Sample.IPV4, 1, a -> {
            String t = a.str(0);
            if (!IpAddresses.isIpv4(t)) {
                throw new ArgException(1, "'" + t + "' is not a valid IPv4 address");
            }
            int v = IpAddresses.parseIpv4(t);
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    smp.setIpv4(v);
                    return true;
                }
            };
        }, ArgKind.STR));
        m.put("ipv6", Keyword.fetch("ipv6", Sample.IPV6, 1, a -> {
            long[] v = IpAddresses.parseIpv6(a.str(0));
            if (v == null) {
                throw new ArgException(1, "'" + a.str(0) + "' is not a valid IPv6 address");
            }
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    smp.setIpv6(v[0], v[1]);
                    return true;
                }
            };
        }, ArgKind.STR));
        m.put("env", Keyword.fetch("env", Sample.STR, 1, a -> {
            String name = a.str(0);
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    String v = System.getenv(name);
                    if (v == null) {
                        return false;
                    }
                    smp.setStr(v);
                    return true;
                }
            };
        }, ArgKind.STR));
        m.put("var", Keyword.fetch("var", Sample.ANY, 1, a -> {
            String name = checkVariableName(a.str(0));
            String def = a.str(1, null);
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    Object v = ctx.variable(name);
                    if (v == null) {
                        if (def == null) {
                            return false;
                        }
                        smp.setStr(def);
                        return true;
                    }
                    return Values.load(v, smp);
                }
            };
        }, ArgKind.VAR, ArgKind.STR));
        m.put("ssl_fc", Keyword.fetch("ssl_fc", Sample.BOOL, 0, a -> SSL_FC));
    }

    /** HAProxy's variable name check: {@code <scope>.<name>} with a known scope. */
    public static String checkVariableName(String name) throws ArgException {
        int dot = name.indexOf('.');
        String scope = dot < 0 ? "" : name.substring(0, dot);
        if (dot < 0 || !SCOPES.contains(scope) || dot == name.length() - 1) {
            throw new ArgException(1, "invalid variable name '" + name + "'. A variable name must be start by its scope. "
                    + "The scope can be 'proc', 'sess', 'txn', 'req', 'res' or 'check'");
        }
        for (int i = dot + 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) {
                throw new ArgException(1, "invalid character '" + c + "' in variable name '" + name + "'");
            }
        }
        return name;
    }

    private static Fetch constBool(boolean b) {
        return new Fetch() {
            @Override
            public boolean fetch(SampleContext ctx, Sample smp) {
                smp.setBool(b);
                return true;
            }
        };
    }

    private static final Fetch SSL_FC = new Fetch() {
        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            smp.setBool(ctx.frontendTls());
            return true;
        }
    };
}
