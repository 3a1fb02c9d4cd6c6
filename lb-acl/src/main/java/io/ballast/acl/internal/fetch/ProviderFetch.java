package io.ballast.acl.internal.fetch;

import io.ballast.acl.SampleContext;
import io.ballast.acl.SampleFetchProvider;
import io.ballast.acl.internal.expr.ArgException;
import io.ballast.acl.internal.expr.ArgKind;
import io.ballast.acl.internal.expr.Fetch;
import io.ballast.acl.internal.expr.Keyword;
import io.ballast.acl.internal.sample.Sample;

import java.util.Arrays;

/** Adapts a {@link SampleFetchProvider} to a fetch keyword. */
public final class ProviderFetch {

    private ProviderFetch() {
    }

    public static Keyword keyword(SampleFetchProvider p) {
        String name = p.name();
        if (name == null || !name.matches("[A-Za-z0-9_.]+")) {
            throw new IllegalStateException("sample fetch provider " + p.getClass().getName() + " has an invalid name '" + name + "'");
        }
        byte type;
        switch (p.type()) {
            case BOOLEAN: type = Sample.BOOL; break;
            case INTEGER: type = Sample.SINT; break;
            case ADDRESS: type = Sample.IPV4; break;
            case STRING: type = Sample.STR; break;
            default: type = Sample.ANY; break;
        }
        ArgKind[] kinds = new ArgKind[Math.max(p.maxArguments(), 0)];
        Arrays.fill(kinds, ArgKind.STR);
        return Keyword.fetch(name, type, p.minArguments(), a -> {
            SampleFetchProvider.Fetcher f;
            try {
                f = p.compile(a.all());
            } catch (IllegalArgumentException e) {
                throw new ArgException(e.getMessage());
            }
            return new Fetch() {
                @Override
                public boolean fetch(SampleContext ctx, Sample smp) {
                    return Values.load(f.fetch(ctx), smp);
                }
            };
        }, kinds);
    }
}
