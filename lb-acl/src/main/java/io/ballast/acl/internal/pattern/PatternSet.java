package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.Casts;
import io.ballast.acl.internal.sample.Sample;

/**
 * Compiled patterns of one match method (HAProxy's {@code struct pattern_expr}). {@link #match} returns the index
 * of the matching pattern (its order of addition, used as a map value index) or -1. Immutable and thread-safe.
 */
public abstract class PatternSet {

    private final byte input;

    protected PatternSet(byte input) {
        this.input = input;
    }

    /** Casts the sample to the type the method reads, then matches it. */
    public final int match(Sample smp) {
        if (input != Sample.ANY && smp.type != input) {
            if (input == Sample.IPV4) {
                if (!Casts.castToAddress(smp)) {
                    return -1;
                }
            } else if (!Casts.cast(smp, input)) {
                return -1;
            }
        }
        return matchCast(smp);
    }

    /** Matches a sample already of the right type. */
    protected abstract int matchCast(Sample smp);

    /** Number of patterns. */
    public abstract int size();

    /** ASCII-only lower case, like C's tolower() in the C locale, plus Java's for other letters. */
    static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }
}
