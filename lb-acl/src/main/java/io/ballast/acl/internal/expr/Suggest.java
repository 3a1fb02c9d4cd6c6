package io.ballast.acl.internal.expr;

import java.util.Collection;

/** "Did you mean" hints: the closest known word within an edit distance of 2. */
public final class Suggest {

    private Suggest() {
    }

    /** {@code " Did you mean 'x'?"}, or an empty string when nothing is close enough. */
    public static String didYouMean(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(word.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && k.compareTo(best) < 0)) {
                bestDistance = d;
                best = k;
            }
        }
        int limit = word.length() <= 3 ? 1 : 2;
        return best == null || bestDistance > limit ? "" : " Did you mean '" + best + "'?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
