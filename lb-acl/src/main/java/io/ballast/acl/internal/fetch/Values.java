package io.ballast.acl.internal.fetch;

import io.ballast.acl.internal.sample.IpAddresses;
import io.ballast.acl.internal.sample.Sample;

import java.net.InetAddress;

/** Loads a Java value (a variable, a provider's result) into a sample. */
public final class Values {

    private Values() {
    }

    /** False for {@code null}. */
    public static boolean load(Object v, Sample smp) {
        if (v == null) {
            return false;
        }
        if (v instanceof String s) {
            smp.setStr(s);
        } else if (v instanceof Boolean b) {
            smp.setBool(b);
        } else if (v instanceof Number n) {
            smp.setInt(n.longValue());
        } else if (v instanceof InetAddress a) {
            return IpAddresses.load(a, smp);
        } else {
            smp.setStr(v.toString());
        }
        return true;
    }
}
