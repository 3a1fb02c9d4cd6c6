package io.ballast.core.config;

import java.util.Collection;

/**
 * "did you mean" hints for configuration errors: the closest known keyword within an edit distance of 2. Every
 * module that reports an unknown word uses it, so that the hints read the same everywhere.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * @param word  the unknown word
     * @param known the words that would have been accepted
     * @return {@code "; did you mean 'x'?"}, or an empty string when nothing is close enough
     */
    public static String didYouMean(String word, Collection<String> known) {
        String best = closest(word, known);
        return best == null ? "" : "; did you mean '" + best + "'?";
    }

    /**
     * The same hint as its own sentence, for messages that end with a full stop as HAProxy's ACL messages do.
     *
     * @param word  the unknown word
     * @param known the words that would have been accepted
     * @return {@code " Did you mean 'x'?"}, or an empty string when nothing is close enough
     */
    public static String didYouMeanSentence(String word, Collection<String> known) {
        String best = closest(word, known);
        return best == null ? "" : " Did you mean '" + best + "'?";
    }

    /** The known word nearest to {@code word} within an edit distance of 2 (the first in order on ties), or null. */
    private static String closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(word, k);
            if (d < bestDistance || (d == bestDistance && best != null && k.compareTo(best) < 0)) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
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
