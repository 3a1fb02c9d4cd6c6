package io.ballast.acl.internal.cond;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.expr.CompiledSample;
import io.ballast.acl.internal.pattern.PatternSet;
import io.ballast.acl.internal.sample.Sample;

/**
 * One ACL expression (one {@code acl} line or one {@code { ... }}): a sample and its patterns. It matches when
 * any value of the sample (every occurrence, for multi-valued fetches such as {@code hdr}) matches any pattern.
 */
final class AclExpr {

    private final CompiledSample sample;
    private final PatternSet[] patterns;
    private final String text;

    AclExpr(CompiledSample sample, PatternSet[] patterns, String text) {
        this.sample = sample;
        this.patterns = patterns;
        this.text = text;
    }

    boolean matches(SampleContext ctx, Sample smp) {
        smp.reset(true);
        while (true) {
            int r = sample.process(ctx, smp);
            if (r == CompiledSample.NONE) {
                return false;
            }
            if (r == CompiledSample.VALUE) {
                PatternSet[] ps = patterns;
                if (ps.length == 1) {
                    if (ps[0].match(smp) >= 0) {
                        return true;
                    }
                } else {
                    for (PatternSet p : ps) {
                        if (p.match(smp) >= 0) {
                            return true;
                        }
                    }
                }
            }
            if (!smp.more) {
                return false;
            }
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
