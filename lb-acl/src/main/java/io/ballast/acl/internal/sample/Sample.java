package io.ballast.acl.internal.sample;

/**
 * A mutable sample, HAProxy's {@code struct sample}: one value of one type plus the iteration state a multi-valued
 * fetch (such as {@code hdr()} in an ACL) keeps between calls. One instance is used per evaluation, so nothing is
 * allocated per value: strings are regions of the strings the request view already holds.
 */
public final class Sample {

    /** No value. */
    public static final byte NONE = 0;
    /** {@link #num} is 0 or 1. */
    public static final byte BOOL = 1;
    /** {@link #num}. */
    public static final byte SINT = 2;
    /** {@link #v4}. */
    public static final byte IPV4 = 3;
    /** {@link #v6hi}/{@link #v6lo}. */
    public static final byte IPV6 = 4;
    /** {@link #str} from {@link #off}, {@link #len} chars. */
    public static final byte STR = 5;
    /** Decided at run time (declared type of {@code var()} only). */
    public static final byte ANY = 6;

    public byte type;
    public long num;
    public String str;
    public int off;
    public int len;
    public int v4;
    public long v6hi;
    public long v6lo;

    /** Set by the caller: report every value (ACL context) rather than one. */
    public boolean iterate;
    /** Set by a fetch: more values may follow; call it again with this sample. */
    public boolean more;
    /** Iteration state owned by the fetch. */
    public int it0;
    /** Iteration state owned by the fetch. */
    public int it1;
    /** Counter owned by the fetch. */
    public int it2;

    private static final ThreadLocal<Sample> SPARE = ThreadLocal.withInitial(Sample::new);

    private boolean busy;

    /**
     * A sample for one evaluation on this thread; give it back with {@link #release()}. Nested evaluations (a
     * fetch that evaluates another condition) get a fresh one.
     */
    public static Sample acquire() {
        Sample s = SPARE.get();
        if (s.busy) {
            return new Sample();
        }
        s.busy = true;
        return s;
    }

    /** Ends the evaluation that {@link #acquire()} started. */
    public void release() {
        busy = false;
        str = null;
    }

    /** Resets everything before a new fetch. */
    public void reset(boolean iterate) {
        this.iterate = iterate;
        more = false;
        it0 = 0;
        it1 = 0;
        it2 = 0;
        type = NONE;
        str = null;
    }

    public void setStr(String s) {
        type = STR;
        str = s;
        off = 0;
        len = s.length();
    }

    public void setStr(String s, int from, int to) {
        type = STR;
        str = s;
        off = from;
        len = to - from;
    }

    public void setInt(long n) {
        type = SINT;
        num = n;
    }

    public void setBool(boolean b) {
        type = BOOL;
        num = b ? 1 : 0;
    }

    public void setIpv4(int a) {
        type = IPV4;
        v4 = a;
    }

    public void setIpv6(long hi, long lo) {
        type = IPV6;
        v6hi = hi;
        v6lo = lo;
    }

    /** The string value (type must be {@link #STR}); makes a substring only when the region is not the whole string. */
    public String string() {
        return off == 0 && len == str.length() ? str : str.substring(off, off + len);
    }

    public char charAt(int i) {
        return str.charAt(off + i);
    }

    /** Human name of a type, as HAProxy prints it. */
    public static String typeName(byte t) {
        switch (t) {
            case BOOL: return "boolean";
            case SINT: return "integer";
            case IPV4: return "ipv4";
            case IPV6: return "ipv6";
            case STR: return "string";
            case ANY: return "any";
            default: return "none";
        }
    }

    @Override
    public String toString() {
        return type == NONE ? "<none>" : Casts.asString(this);
    }
}
