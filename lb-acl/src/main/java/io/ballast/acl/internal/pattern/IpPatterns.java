package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.IpAddresses;
import io.ballast.acl.internal.sample.Sample;

import java.util.ArrayList;
import java.util.List;

/**
 * Addresses and networks ({@code -m ip}), HAProxy's {@code pat_match_ip}: contiguous IPv4 masks and IPv6 prefixes
 * in binary tries (longest prefix wins, for {@code map_ip}), other IPv4 masks in a list. An IPv4 sample that is
 * not found is looked up again as {@code ::ffff:a.b.c.d} in the IPv6 trie; an IPv6 sample that is IPv4-mapped
 * or 6to4 is looked up again in the IPv4 trie.
 */
final class IpPatterns extends PatternSet {

    private static final class Node {
        Node zero;
        Node one;
        int index = -1;
    }

    private final Node v4 = new Node();
    private final Node v6 = new Node();
    private final int[] listAddr;
    private final int[] listMask;
    private final int[] listIndex;
    private final int size;

    IpPatterns(List<String> patterns) throws PatternException {
        super(Sample.IPV4);
        List<int[]> list = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            int slash = p.indexOf('/');
            String addr = slash < 0 ? p : p.substring(0, slash);
            String maskText = slash < 0 ? null : p.substring(slash + 1);
            if (IpAddresses.isIpv4(addr)) {
                int a = IpAddresses.parseIpv4(addr);
                int bits;
                if (maskText == null) {
                    bits = 32;
                } else if (maskText.indexOf('.') >= 0) {
                    if (!IpAddresses.isIpv4(maskText)) {
                        throw invalid(p);
                    }
                    int m = IpAddresses.parseIpv4(maskText);
                    int inv = ~m;
                    if ((inv & (inv + 1)) != 0) { // not contiguous
                        list.add(new int[] {a & m, m, i});
                        continue;
                    }
                    bits = Integer.bitCount(m);
                } else {
                    bits = parseBits(maskText, 32, p);
                }
                insert4(a, bits, i);
            } else {
                long[] v = IpAddresses.parseIpv6(addr);
                if (v == null) {
                    throw invalid(p);
                }
                int bits = maskText == null ? 128 : parseBits(maskText, 128, p);
                insert6(v[0], v[1], bits, i);
            }
        }
        listAddr = new int[list.size()];
        listMask = new int[list.size()];
        listIndex = new int[list.size()];
        for (int k = 0; k < list.size(); k++) {
            listAddr[k] = list.get(k)[0];
            listMask[k] = list.get(k)[1];
            listIndex[k] = list.get(k)[2];
        }
        size = patterns.size();
    }

    private static PatternException invalid(String p) {
        return new PatternException("'" + p + "' is not a valid IPv4 or IPv6 address.");
    }

    private static int parseBits(String text, int max, String whole) throws PatternException {
        try {
            int b = Integer.parseInt(text);
            if (b < 0 || b > max) {
                throw invalid(whole);
            }
            return b;
        } catch (NumberFormatException e) {
            throw invalid(whole);
        }
    }

    private void insert4(int a, int bits, int index) {
        Node n = v4;
        for (int b = 0; b < bits; b++) {
            n = step(n, ((a >>> (31 - b)) & 1) != 0);
        }
        if (n.index < 0) {
            n.index = index;
        }
    }

    private void insert6(long hi, long lo, int bits, int index) {
        Node n = v6;
        for (int b = 0; b < bits; b++) {
            n = step(n, bit6(hi, lo, b));
        }
        if (n.index < 0) {
            n.index = index;
        }
    }

    private static boolean bit6(long hi, long lo, int b) {
        return b < 64 ? ((hi >>> (63 - b)) & 1) != 0 : ((lo >>> (127 - b)) & 1) != 0;
    }

    private static Node step(Node n, boolean one) {
        if (one) {
            if (n.one == null) {
                n.one = new Node();
            }
            return n.one;
        }
        if (n.zero == null) {
            n.zero = new Node();
        }
        return n.zero;
    }

    private int lookup4(int a) {
        Node n = v4;
        int best = n.index;
        for (int b = 0; b < 32; b++) {
            n = ((a >>> (31 - b)) & 1) != 0 ? n.one : n.zero;
            if (n == null) {
                break;
            }
            if (n.index >= 0) {
                best = n.index;
            }
        }
        return best;
    }

    private int lookup6(long hi, long lo) {
        Node n = v6;
        int best = n.index;
        for (int b = 0; b < 128; b++) {
            n = bit6(hi, lo, b) ? n.one : n.zero;
            if (n == null) {
                break;
            }
            if (n.index >= 0) {
                best = n.index;
            }
        }
        return best;
    }

    private int lookupList(int a) {
        for (int k = 0; k < listAddr.length; k++) {
            if ((a & listMask[k]) == listAddr[k]) {
                return listIndex[k];
            }
        }
        return -1;
    }

    @Override
    protected int matchCast(Sample smp) {
        if (smp.type == Sample.IPV4) {
            int r = lookup4(smp.v4);
            if (r >= 0) {
                return r;
            }
            r = lookup6(0L, IpAddresses.mappedLo(smp.v4));
            if (r >= 0) {
                return r;
            }
            return lookupList(smp.v4);
        }
        int r = lookup6(smp.v6hi, smp.v6lo);
        if (r >= 0) {
            return r;
        }
        long a = IpAddresses.v6tov4(smp.v6hi, smp.v6lo);
        if (a >= 0) {
            r = lookup4((int) a);
            return r >= 0 ? r : lookupList((int) a);
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }
}
