package io.ballast.acl.internal.expr;

import io.ballast.acl.SampleContext;
import io.ballast.acl.internal.sample.Sample;

/**
 * A compiled sample fetch (HAProxy's {@code smp_fetch_*}). A multi-valued fetch called with
 * {@link Sample#iterate} set reports one value per call and sets {@link Sample#more} while others may follow,
 * keeping its position in the sample's {@code it*} fields; it must leave {@code more} false when it returns false.
 */
public abstract class Fetch {

    /** Fills {@code smp}; false when there is nothing to fetch. */
    public abstract boolean fetch(SampleContext ctx, Sample smp);
}
