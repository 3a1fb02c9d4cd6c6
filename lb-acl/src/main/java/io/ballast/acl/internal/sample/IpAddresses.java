package io.ballast.acl.internal.sample;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Strict IPv4/IPv6 text parsing and formatting, without DNS and without Java's legacy IPv4 forms. */
public final class IpAddresses {

    /** Returned by {@link #parseIpv4} for invalid input (also the value of 255.255.255.255: check the text). */
    public static final int INVALID_V4 = -1;

    private static final long MAPPED_HI = 0L;
    private static final long MAPPED_LO_PREFIX = 0x0000FFFF00000000L;

    private IpAddresses() {
    }

    /** Dotted quad {@code a.b.c.d}, each 0..255, or {@link #INVALID_V4}. */
    public static int parseIpv4(String s) {
        int parts = 0;
        int value = 0;
        int cur = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                cur = (cur < 0 ? 0 : cur * 10) + (c - '0');
                if (cur > 255) {
                    return INVALID_V4;
                }
            } else if (c == '.') {
                if (cur < 0 || parts == 3) {
                    return INVALID_V4;
                }
                value = (value << 8) | cur;
                parts++;
                cur = -1;
            } else {
                return INVALID_V4;
            }
        }
        if (cur < 0 || parts != 3) {
            return INVALID_V4;
        }
        return (value << 8) | cur;
    }

    /** Whether {@code s} is a valid dotted quad. */
    public static boolean isIpv4(String s) {
        return parseIpv4(s) != INVALID_V4 || "255.255.255.255".equals(s);
    }

    /** An IPv6 address (with {@code ::} and an optional trailing dotted quad) as {hi, lo}, or {@code null}. */
    public static long[] parseIpv6(String s) {
        if (s.indexOf(':') < 0) {
            return null;
        }
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        int len = s.length();
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == len) {
                return new long[] {0, 0};
            }
        } else if (s.startsWith(":")) {
            return null;
        }
        while (i < len) {
            int end = i;
            while (end < len && s.charAt(end) != ':') {
                end++;
            }
            String part = s.substring(i, end);
            if (part.indexOf('.') >= 0) {
                if (end != len || n > 6) {
                    return null;
                }
                int v4 = parseIpv4(part);
                if (v4 == INVALID_V4 && !"255.255.255.255".equals(part)) {
                    return null;
                }
                groups[n++] = (v4 >>> 16) & 0xFFFF;
                groups[n++] = v4 & 0xFFFF;
                i = end;
                break;
            }
            if (part.isEmpty() || part.length() > 4 || n == 8) {
                return null;
            }
            int g = 0;
            for (int k = 0; k < part.length(); k++) {
                int d = Character.digit(part.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                g = g * 16 + d;
            }
            groups[n++] = g;
            if (end == len) {
                i = end;
                break;
            }
            // end is at ':'
            if (end + 1 < len && s.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i = end + 2;
            } else {
                if (end + 1 == len) {
                    return null;
                }
                i = end + 1;
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (n > 7) {
                return null;
            }
            int tail = n - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        } else {
            if (n != 8) {
                return null;
            }
            full = groups;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | full[k];
            lo = (lo << 16) | full[k + 4];
        }
        return new long[] {hi, lo};
    }

    public static String formatIpv4(int a) {
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** RFC 5952 text form, as inet_ntop prints it (mapped addresses as {@code ::ffff:a.b.c.d}). */
    public static String formatIpv6(long hi, long lo) {
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) (hi >>> (48 - 16 * k)) & 0xFFFF;
            g[k + 4] = (int) (lo >>> (48 - 16 * k)) & 0xFFFF;
        }
        if (hi == 0 && (lo >>> 32) == 0xFFFF) {
            return "::ffff:" + formatIpv4((int) lo);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] == 0) {
                int e = k;
                while (e < 8 && g[e] == 0) {
                    e++;
                }
                if (e - k > bestLen) {
                    bestStart = k;
                    bestLen = e - k;
                }
                k = e;
            } else {
                k++;
            }
        }
        StringBuilder b = new StringBuilder(39);
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                b.append("::");
                k += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[k]));
        }
        return b.toString();
    }

    /** Whether Inet4Address.hashCode() is the address (true on every JDK so far); checked once. */
    private static final boolean HASH_IS_ADDRESS = hashIsAddress();

    private static boolean hashIsAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) 201}).hashCode() == 0xC00002C9
                    && InetAddress.getByAddress(new byte[] {10, 1, 2, 3}).hashCode() == 0x0A010203;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Fills the sample with the address; false for a {@code null} address. */
    public static boolean load(InetAddress a, Sample s) {
        if (a instanceof Inet4Address) {
            if (HASH_IS_ADDRESS) {
                s.setIpv4(a.hashCode());
                return true;
            }
            byte[] b = a.getAddress();
            s.setIpv4(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF));
            return true;
        }
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            long hi = 0;
            long lo = 0;
            for (int k = 0; k < 8; k++) {
                hi = (hi << 8) | (b[k] & 0xFF);
                lo = (lo << 8) | (b[k + 8] & 0xFF);
            }
            s.setIpv6(hi, lo);
            return true;
        }
        return false;
    }

    /** IPv4 to IPv4-mapped IPv6 ({@code ::ffff:a.b.c.d}): the low 64 bits; the high ones are 0. */
    public static long mappedLo(int v4) {
        return MAPPED_LO_PREFIX | (v4 & 0xFFFFFFFFL);
    }

    /**
     * HAProxy's {@code v6tov4}: the IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}) or 6to4
     * ({@code 2002:AABB:CCDD::/48}) address, or -1L when there is none.
     */
    public static long v6tov4(long hi, long lo) {
        if (hi == MAPPED_HI && (lo >>> 32) == 0xFFFFL) {
            return lo & 0xFFFFFFFFL;
        }
        if ((hi >>> 48) == 0x2002L) {
            return (hi >>> 16) & 0xFFFFFFFFL;
        }
        return -1L;
    }
}
