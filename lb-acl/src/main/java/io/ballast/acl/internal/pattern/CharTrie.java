package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.Sample;

import java.util.Arrays;
import java.util.List;

/**
 * Prefix ({@code -m beg}) or, built over reversed strings, suffix ({@code -m end}) patterns in a character trie:
 * one pass over the sample whatever the number of patterns. For maps, {@code beg} returns the longest matching
 * prefix (HAProxy's prefix tree) and {@code end} the first one in file order (HAProxy's list).
 */
final class CharTrie extends PatternSet {

    private static final char[] NO_KEYS = new char[0];
    private static final Node[] NO_NODES = new Node[0];

    private static final class Node {
        char[] keys = NO_KEYS;
        Node[] kids = NO_NODES;
        int index = -1;

        Node child(char c) {
            char[] k = keys;
            if (k.length < 8) {
                for (int i = 0; i < k.length; i++) {
                    if (k[i] == c) {
                        return kids[i];
                    }
                }
                return null;
            }
            int i = Arrays.binarySearch(k, c);
            return i >= 0 ? kids[i] : null;
        }

        Node add(char c) {
            int i = Arrays.binarySearch(keys, c);
            if (i >= 0) {
                return kids[i];
            }
            int at = -i - 1;
            char[] nk = new char[keys.length + 1];
            Node[] nn = new Node[kids.length + 1];
            System.arraycopy(keys, 0, nk, 0, at);
            System.arraycopy(kids, 0, nn, 0, at);
            System.arraycopy(keys, at, nk, at + 1, keys.length - at);
            System.arraycopy(kids, at, nn, at + 1, kids.length - at);
            Node n = new Node();
            nk[at] = c;
            nn[at] = n;
            keys = nk;
            kids = nn;
            return n;
        }
    }

    private final Node root = new Node();
    private final boolean reverse;
    private final boolean icase;
    private final boolean longest;
    private final int size;

    /**
     * @param reverse  suffixes rather than prefixes
     * @param longest  return the longest match (else the match added first)
     */
    CharTrie(List<String> patterns, boolean icase, boolean reverse, boolean longest) {
        super(Sample.STR);
        this.reverse = reverse;
        this.icase = icase;
        this.longest = longest;
        for (int i = 0; i < patterns.size(); i++) {
            String p = patterns.get(i);
            Node n = root;
            int len = p.length();
            for (int k = 0; k < len; k++) {
                char c = p.charAt(reverse ? len - 1 - k : k);
                n = n.add(icase ? lower(c) : c);
            }
            if (n.index < 0) {
                n.index = i;
            }
        }
        size = patterns.size();
    }

    @Override
    protected int matchCast(Sample smp) {
        String s = smp.str;
        int off = smp.off;
        int len = smp.len;
        Node n = root;
        int best = n.index;
        for (int k = 0; k < len; k++) {
            char c = s.charAt(reverse ? off + len - 1 - k : off + k);
            n = n.child(icase ? lower(c) : c);
            if (n == null) {
                break;
            }
            int idx = n.index;
            if (idx >= 0) {
                if (longest || best < 0 || idx < best) {
                    best = idx;
                }
            }
        }
        return best;
    }

    @Override
    public int size() {
        return size;
    }
}
