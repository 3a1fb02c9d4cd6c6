package io.ballast.acl.internal.fetch;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.Fetch;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.sample.IpAddresses;
import io.ballast.acl.internal.sample.Sample;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;

/** Layer 4 fetches: {@code src}, {@code src_port}, {@code dst}, {@code dst_port}. Unix-socket peers find nothing. */
public final class L4Fetches {

    private L4Fetches() {
    }

    public static void register(Map<String, Keyword> m) {
        m.put("src", Keyword.fetch("src", Sample.IPV4, 0, a -> new Address(false, false)));
        m.put("src_port", Keyword.fetch("src_port", Sample.SINT, 0, a -> new Address(false, true)));
        m.put("dst", Keyword.fetch("dst", Sample.IPV4, 0, a -> new Address(true, false)));
        m.put("dst_port", Keyword.fetch("dst_port", Sample.SINT, 0, a -> new Address(true, true)));
    }

    private static final class Address extends Fetch {
        private final boolean local;
        private final boolean port;

        Address(boolean local, boolean port) {
            this.local = local;
            this.port = port;
        }

        @Override
        public boolean fetch(SampleContext ctx, Sample smp) {
            SocketAddress a = local ? ctx.localAddress() : ctx.clientAddress();
            if (!(a instanceof InetSocketAddress isa)) {
                return false;
            }
            if (port) {
                smp.setInt(isa.getPort());
                return true;
            }
            return IpAddresses.load(isa.getAddress(), smp);
        }
    }
}
