package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.Sample;

import java.util.List;

/** Exact strings ({@code -m str}) in an open-addressing hash table hashed over the sample region: no allocation. */
final class StrPatterns extends PatternSet {

    private final String[] keys;
    private final int[] indexes;
    private final int mask;
    private final boolean icase;
    private final int size;

    StrPatterns(List<String> patterns, boolean icase) {
        super(Sample.STR);
        this.icase = icase;
        int cap = 4;
        while (cap < patterns.size() * 2) {
            cap <<= 1;
        }
        keys = new String[cap];
        indexes = new int[cap];
        mask = cap - 1;
        int n = 0;
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            int slot = spread(hash(p, 0, p.length())) & mask;
            boolean dup = false;
            while (keys[slot] != null) {
                if (equal(keys[slot], p, 0, p.length())) {
                    dup = true; // the first one wins, as in a map file
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if (!dup) {
                keys[slot] = p;
                indexes[slot] = i;
                n++;
            }
        }
        size = n;
    }

    private int hash(String s, int off, int len) {
        int h = 0;
        if (icase) {
            for (int i = off, e = off + len; i < e; i++) {
                h = 31 * h + lower(s.charAt(i));
            }
        } else {
            for (int i = off, e = off + len; i < e; i++) {
                h = 31 * h + s.charAt(i);
            }
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private boolean equal(String key, String s, int off, int len) {
        return key.length() == len && key.regionMatches(icase, 0, s, off, len);
    }

    @Override
    protected int matchCast(Sample smp) {
        String s = smp.str;
        int off = smp.off;
        int len = smp.len;
        int slot = spread(hash(s, off, len)) & mask;
        String k;
        while ((k = keys[slot]) != null) {
            if (equal(k, s, off, len)) {
                return indexes[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    @Override
    public int size() {
        return size;
    }
}
