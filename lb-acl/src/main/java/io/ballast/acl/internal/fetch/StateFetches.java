package io.ballast.acl.internal.fetch;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.ArgException;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Args;
import io.ballast.acl.internal.expr.Fetch;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.sample.Sample;
import io.ballast.core.server.Backend;
import io.ballast.core.server.Server;
import io.ballast.core.server.ServerState;

import java.util.List;
import java.util.Map;

/**
 * Internal-state fetches (HAProxy's backend.c / frontend.c): {@code nbsrv}, {@code be_conn}, {@code connslots},
 * {@code srv_is_up}, {@code srv_conn}, {@code fe_conn}, {@code be_name}. Backend names are resolved per evaluation
 * through {@link SampleContext#backend}; the compiler records them for the caller to check once the configuration
 * is read, as HAProxy does.
 */
public final class StateFetches {

    private StateFetches() {
    }

    private interface BackendValue {
        long value(Backend b);
    }

    public static void register(Map<String, Keyword> m) {
        m.put("nbsrv", Keyword.fetch("nbsrv", Sample.SINT, 0, a -> backendFetch(a, StateFetches::usable), ArgKind.BE));
        m.put("be_conn", Keyword.fetch("be_conn", Sample.SINT, 0, a -> backendFetch(a, StateFetches::connections), ArgKind.BE));
        m.put("connslots", Keyword.fetch("connslots", Sample.SINT, 0, a -> backendFetch(a, StateFetches::slots), ArgKind.BE));
        m.put("srv_is_up", Keyword.fetch("srv_is_up", Sample.BOOL, 1, a -> serverFetch(a, true), ArgKind.SRV));
        m.put("srv_conn", Keyword.fetch("srv_conn", Sample.SINT, 1, a -> serverFetch(a, false), ArgKind.SRV));
        m.put("fe_conn", Keyword.fetch("fe_conn", Sample.SINT, 0, a -> FE_CONN));
        m.put("be_name", Keyword.fetch("be_name", Sample.STR, 0, a -> BE_NAME));
    }

    /** Usable servers as HAProxy counts them: active ones, else 1 if a backup is usable (no allbackups). */
    static long usable(Backend b) {
        int active = b.usableActiveServers(); // counted at each selector rebuild
        return active > 0 ? active : b.usableBackupServers() > 0 ? 1 : 0;
    }

    static long connections(Backend b) {
        List<Server> servers = b.servers();
        long c = 0;
        for (int i = 0, n = servers.size(); i < n; i++) {
            c += servers.get(i).inFlight();
        }
        return c;
    }

    /**
     * Free connection slots over the servers that are not down: {@code maxconn - current}; -1 when one of them has
     * no maxconn (HAProxy also adds queue slots and answers -1 without {@code maxqueue}; Ballast has no maxqueue).
     */
    static long slots(Backend b) {
        long sum = 0;
        for (Server s : b.servers()) {
            if (s.state() != ServerState.UP) {
                continue;
            }
            int max = s.config().maxconn();
            if (max == 0) {
                return -1;
            }
            sum += max - s.inFlight();
        }
        return sum;
    }

    private static Fetch backendFetch(Args a, BackendValue f) {
        String name = a.str(0, null);
        a.env().reference(a.keyword(), name, null);
        return new Fetch() {
            @Override
            public boolean fetch(SampleContext ctx, Sample smp) {
                Backend b = name == null ? ctx.currentBackend() : ctx.backend(name);
                if (b == null) {
                    return false;
                }
                smp.setInt(f.value(b));
                return true;
            }
        };
    }

    private static Fetch serverFetch(Args a, boolean up) throws ArgException {
        String arg = a.str(0);
        int slash = arg.indexOf('/');
        if (slash <= 0 || slash == arg.length() - 1) {
            throw new ArgException(1, "missing server name in '" + arg + "', expected <backend>/<server>");
        }
        String be = arg.substring(0, slash);
        String srv = arg.substring(slash + 1);
        a.env().reference(a.keyword(), be, srv);
        return new Fetch() {
            @Override
            public boolean fetch(SampleContext ctx, Sample smp) {
                Backend b = ctx.backend(be);
                Server s = b == null ? null : b.server(srv);
                if (s == null) {
                    return false;
                }
                if (up) {
                    smp.setBool(s.state() == ServerState.UP);
                } else {
                    smp.setInt(s.inFlight());
                }
                return true;
            }
        };
    }

    private static final Fetch FE_CONN = new Fetch() {
        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            smp.setInt(ctx.frontendConnections());
            return true;
        }
    };

    private static final Fetch BE_NAME = new Fetch() {
        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            Backend b = ctx.currentBackend();
            if (b == null) {
                return false;
            }
            smp.setStr(b.name());
            return true;
        }
    };
}
