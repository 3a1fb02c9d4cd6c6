package io.ballast.acl.internal.cond;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.sample.Sample;

import java.util.Arrays;

/**
 * A named (or anonymous) ACL: the OR of its expressions. An {@code acl} line met after a condition that uses the
 * name still adds to it, as in HAProxy where conditions point to the ACL itself.
 */
public final class Acl {

    private final String name;
    private AclExpr[] exprs = new AclExpr[0];

    Acl(String name) {
        this.name = name;
    }

    void add(AclExpr e) {
        AclExpr[] n = Arrays.copyOf(exprs, exprs.length + 1);
        n[exprs.length] = e;
        exprs = n;
    }

    boolean matches(SampleContext ctx, Sample smp) {
        for (AclExpr e : exprs) {
            if (e.matches(ctx, smp)) {
                return true;
            }
        }
        return false;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
