package io.ballast.acl.internal.expr;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.sample.Sample;

/** A compiled converter (HAProxy's {@code sample_conv_*}): changes the sample in place. */
public abstract class Converter {

    /** Converts {@code smp}, already cast to the keyword's input type; false when the conversion fails. */
    public abstract boolean convert(SampleContext ctx, Sample smp);
}
