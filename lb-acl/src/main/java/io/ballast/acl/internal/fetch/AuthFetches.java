package io.ballast.acl.internal.fetch;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.auth.Userlist;
import io.ballast.acl.internal.expr.ArgException;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Args;
import io.ballast.acl.internal.expr.Fetch;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.sample.Sample;

import java.util.Map;

/**
 * {@code http_auth(<userlist>)}: whether the request's {@code Authorization: Basic} credentials are those of a user
 * of the list; {@code http_auth_group(<userlist>)}: that user's name, and in an ACL each of the user's groups, so
 * that {@code acl admins http_auth_group(L1) admin ops} matches a user of group {@code admin} or {@code ops}, as in
 * HAProxy. Only the first value of the first {@code Authorization} header counts.
 */
public final class AuthFetches {

    private AuthFetches() {
    }

    public static void register(Map<String, Keyword> m) {
        m.put("http_auth", Keyword.fetch("http_auth", Sample.BOOL, 1, a -> {
            Userlist list = userlist(a);
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    if (ctx.request() == null) {
                        return false;
                    }
                    smp.setBool(list.groupsOf(authorization(ctx)) != null);
                    return true;
                }
            };
        }, ArgKind.USR));
        m.put("http_auth_group", Keyword.fetch("http_auth_group", Sample.STR, 1, a -> {
            Userlist list = userlist(a);
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    if (ctx.request() == null) {
                        return false;
                    }
                    if (!smp.iterate) {
                        String user = list.userOf(authorization(ctx));
                        if (user != null) {
                            smp.setStr(user);
                        }
                        return user != null;
                    }
                    String[] groups = list.groupsOf(authorization(ctx));
                    if (groups == null || smp.it0 >= groups.length) {
                        smp.more = false;
                        return false;
                    }
                    smp.setStr(groups[smp.it0++]);
                    smp.more = smp.it0 < groups.length;
                    return true;
                }
            };
        }, ArgKind.USR));
    }

    private static Userlist userlist(Args a) throws ArgException {
        Userlist list = a.env().userlist(a.str(0));
        if (list == null) {
            throw new ArgException(1, "unable to find userlist '" + a.str(0) + "' referenced in arg 1 of ACL keyword '"
                    + a.keyword() + "'");
        }
        return list;
    }

    /** The first value of the first {@code Authorization} header, or {@code null}. */
    private static String authorization(SampleContext ctx) {
        for (int i = 0, n = Headers.count(ctx, false); i < n; i++) {
            if (Headers.name(ctx, false, i).equalsIgnoreCase("authorization")) {
                String v = Headers.value(ctx, false, i);
                return v.substring(0, Headers.valueEnd(v, 0)).strip();
            }
        }
        return null;
    }
}
