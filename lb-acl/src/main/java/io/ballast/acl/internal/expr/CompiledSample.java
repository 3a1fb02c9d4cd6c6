package io.ballast.acl.internal.expr;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.sample.Casts;
import io.ballast.acl.internal.sample.Sample;

/** A fetch followed by converters, HAProxy's {@code struct sample_expr}. Immutable and thread-safe. */
public final class CompiledSample {

    /** The fetch found nothing: stop iterating. */
    public static final int NONE = 0;
    /** The sample holds a value. */
    public static final int VALUE = 1;
    /** The fetch found a value but a converter failed on it: try the next value if {@link Sample#more}. */
    public static final int CONVERTER_FAILED = 2;

    private final Fetch fetch;
    private final Converter[] converters;
    private final byte[] converterInput;
    private final byte outType;
    private final String text;
    private final Keyword keyword;

    CompiledSample(Keyword keyword, Fetch fetch, Converter[] converters, byte[] converterInput, byte outType,
                   String text) {
        this.keyword = keyword;
        this.fetch = fetch;
        this.converters = converters;
        this.converterInput = converterInput;
        this.outType = outType;
        this.text = text;
    }

    /** Fetches the next value and runs the converters on it. */
    public int process(SampleContext ctx, Sample smp) {
        if (!fetch.fetch(ctx, smp)) {
            smp.more = false;
            return NONE;
        }
        for (int i = 0; i < converters.length; i++) {
            byte in = converterInput[i];
            if (in != Sample.ANY && !Casts.cast(smp, in)) {
                return CONVERTER_FAILED;
            }
            if (!converters[i].convert(ctx, smp)) {
                return CONVERTER_FAILED;
            }
        }
        return VALUE;
    }

    /** Evaluates once (last value semantics, as outside ACLs) and returns the string, or {@code null}. */
    public String evaluateString(SampleContext ctx, Sample smp) {
        smp.reset(false);
        if (process(ctx, smp) != VALUE) {
            return null;
        }
        return Casts.asString(smp);
    }

    /** Evaluates once, as {@link #evaluateString}, and returns the value cast to binary, or {@code null}. */
    public byte[] evaluateBinary(SampleContext ctx, Sample smp) {
        smp.reset(false);
        if (process(ctx, smp) != VALUE) {
            return null;
        }
        return Casts.asBinary(smp);
    }

    /** The output type after the last converter. */
    public byte outType() {
        return outType;
    }

    /** The keyword of the fetch. */
    public Keyword keyword() {
        return keyword;
    }

    /** Whether converters follow the fetch. */
    public boolean hasConverters() {
        return converters.length > 0;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
