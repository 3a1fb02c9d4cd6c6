package io.ballast.acl.internal.sample;

import io.ballast.core.balance.KeyedHash;

import java.nio.ByteBuffer;

/** Conversions between sample types, HAProxy's {@code sample_casts} table. */
public final class Casts {

    private Casts() {
    }

    /** Whether a value of type {@code from} may be converted to {@code to} (checked at compile time). */
    public static boolean canCast(byte from, byte to) {
        if (from == to || from == Sample.ANY || to == Sample.ANY) {
            return true;
        }
        if (to == Sample.IPV4 || to == Sample.IPV6) {
            return from == Sample.STR || from == Sample.SINT || from == Sample.IPV4 || from == Sample.IPV6;
        }
        if (from == Sample.IPV6) {
            return to == Sample.STR;
        }
        return true;
    }

    /** Converts in place; {@code to} may be IPV4 or IPV6 meaning "an address". Returns false when impossible. */
    public static boolean cast(Sample s, byte to) {
        byte from = s.type;
        if (from == to) {
            return true;
        }
        switch (to) {
            case Sample.STR:
                s.setStr(asString(s));
                return true;
            case Sample.SINT:
                if (from == Sample.BOOL) {
                    s.type = Sample.SINT;
                    return true;
                }
                if (from == Sample.STR) {
                    s.setInt(parseLeadingLong(s.str, s.off, s.off + s.len));
                    return true;
                }
                if (from == Sample.IPV4) {
                    s.setInt(s.v4 & 0xFFFFFFFFL);
                    return true;
                }
                return false;
            case Sample.BOOL:
                if (from == Sample.SINT) {
                    s.setBool(s.num != 0);
                    return true;
                }
                if (from == Sample.STR) {
                    s.setBool(parseLeadingLong(s.str, s.off, s.off + s.len) != 0);
                    return true;
                }
                return false;
            case Sample.IPV4:
            case Sample.IPV6:
                return castToAddress(s);
            default:
                return to == Sample.ANY;
        }
    }

    /** Makes the sample an IPv4 or IPv6 address, whichever it is; false when it is not an address. */
    public static boolean castToAddress(Sample s) {
        switch (s.type) {
            case Sample.IPV4:
            case Sample.IPV6:
                return true;
            case Sample.SINT:
                s.setIpv4((int) s.num);
                return true;
            case Sample.STR: {
                String t = s.string();
                int v4 = IpAddresses.parseIpv4(t);
                if (v4 != IpAddresses.INVALID_V4 || "255.255.255.255".equals(t)) {
                    s.setIpv4(v4);
                    return true;
                }
                long[] v6 = IpAddresses.parseIpv6(t);
                if (v6 != null) {
                    s.setIpv6(v6[0], v6[1]);
                    return true;
                }
                return false;
            }
            default:
                return false;
        }
    }

    /** The value as a string, as HAProxy prints it. */
    public static String asString(Sample s) {
        switch (s.type) {
            case Sample.STR: return s.string();
            case Sample.SINT:
            case Sample.BOOL: return Long.toString(s.num);
            case Sample.IPV4: return IpAddresses.formatIpv4(s.v4);
            case Sample.IPV6: return IpAddresses.formatIpv6(s.v6hi, s.v6lo);
            default: return null;
        }
    }

    /**
     * The value cast to binary, as HAProxy's {@code sample_casts} to {@code SMP_T_BIN}: a string as the bytes it
     * stands for, an integer or boolean as 8 big-endian bytes ({@code c_int2bin}), an address as its bytes in
     * network order ({@code c_addr2bin}); {@code null} for no value.
     */
    public static byte[] asBinary(Sample s) {
        switch (s.type) {
            case Sample.STR: return KeyedHash.bytes(s.string());
            case Sample.SINT:
            case Sample.BOOL: return ByteBuffer.allocate(Long.BYTES).putLong(s.num).array();
            case Sample.IPV4: return ByteBuffer.allocate(Integer.BYTES).putInt(s.v4).array();
            case Sample.IPV6: return ByteBuffer.allocate(2 * Long.BYTES).putLong(s.v6hi).putLong(s.v6lo).array();
            default: return null;
        }
    }

    /** HAProxy's {@code read_int64}: an optional sign then digits, stopping at the first other character; 0 if none. */
    public static long parseLeadingLong(String s, int from, int to) {
        int i = from;
        boolean neg = false;
        if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        while (i < to) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            i++;
        }
        return neg ? -v : v;
    }
}
