package io.ballast.proxy.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The help text, and the answer to an unknown command, as HAProxy 2.6 writes them ({@code cli_gen_usage_msg}): the
 * commands whose first words match the line's, or when the line's next word matches none of them, the few nearest
 * to it by HAProxy's word fingerprints; sorted by their help line, followed by {@code help}, {@code prompt} and
 * {@code quit}.
 */
final class Usage {

    /** How many near commands an unknown command suggests at most ({@code CLI_MAX_MATCHES}). */
    private static final int MAX_MATCHES = 5;
    /** How many words of a command count ({@code CLI_PREFIX_KW_NB}). */
    private static final int MAX_WORDS = 5;
    private static final String ALWAYS = """
              help [<command>]                        : list matching or all commands
              prompt                                  : toggle interactive mode with prompt
              quit                                    : disconnect
            """;

    private final List<Keyword> keywords;

    Usage(List<Keyword> keywords) {
        this.keywords = List.copyOf(keywords);
    }

    /** {@code help [<words>]}: the commands matching {@code words}, all of them without. */
    String help(List<String> words) {
        return text("The following commands are valid at this level:\n", words);
    }

    /** The answer to a line that names no command. */
    String unknown(List<String> words) {
        return text(matchedWords(words) == 0 && (words.isEmpty() || words.get(0).isEmpty())
                ? "Unknown command. Please enter one of the following commands only:\n"
                : "Unknown command, but maybe one of the following ones is a better match:\n", words);
    }

    private String text(String header, List<String> words) {
        int length = matchedWords(words);
        List<Keyword> entries = length < words.size() ? nearest(words, length) : List.of();
        if (entries.isEmpty()) {
            entries = keywords.stream().filter(k -> k.usage() != null && sharesPrefix(k, words, length)).toList();
        }
        StringBuilder out = new StringBuilder(header);
        entries.stream().map(Keyword::usage).sorted(Comparator.naturalOrder())
                .forEach(u -> out.append("  ").append(u).append('\n'));
        return out.append(ALWAYS).toString();
    }

    /** The most leading words of {@code words} that some command starts with. */
    private int matchedWords(List<String> words) {
        int length = 0;
        for (Keyword k : keywords) {
            int i = 0;
            while (i < Math.min(k.words().size(), MAX_WORDS) && i < words.size() && k.words().get(i).equals(words.get(i))) {
                i++;
            }
            length = Math.max(length, i);
        }
        return length;
    }

    private static boolean sharesPrefix(Keyword k, List<String> words, int length) {
        return k.words().size() >= length && k.words().subList(0, length).equals(words.subList(0, length));
    }

    /** The commands nearest to the words after the matched ones, best first, as HAProxy ranks them. */
    private List<Keyword> nearest(List<String> words, int length) {
        List<Keyword> best = new ArrayList<>();
        List<Integer> distances = new ArrayList<>();
        int[] typed = new int[1024];
        int typedLength = 0;
        for (int i = length; i < Math.min(words.size(), MAX_WORDS); i++) {
            fingerprint(typed, words.get(i));
            typedLength += words.get(i).length();
        }
        for (Keyword k : keywords) {
            if (k.usage() == null || !sharesPrefix(k, words, length)) {
                continue;
            }
            int[] known = new int[1024];
            int total = typedLength;
            for (int i = length; i < Math.min(k.words().size(), MAX_WORDS); i++) {
                fingerprint(known, k.words().get(i));
                total += k.words().get(i).length();
            }
            int distance = 0;
            for (int i = 0; i < typed.length; i++) {
                distance += Math.abs(typed[i] - known[i]);
            }
            if (distance < 5 * total / 2 && (best.size() < MAX_MATCHES || distance < distances.get(MAX_MATCHES - 1))) {
                int at = best.size();
                while (at > 0 && distances.get(at - 1) > distance) {
                    at--;
                }
                best.add(at, k);
                distances.add(at, distance);
                if (best.size() > MAX_MATCHES) {
                    best.remove(MAX_MATCHES);
                    distances.remove(MAX_MATCHES);
                }
            }
        }
        int kept = 0;
        while (kept < best.size() && distances.get(kept) <= 5 * distances.get(0) / 2) {
            kept++;
        }
        return best.subList(0, kept);
    }

    /**
     * Adds {@code word} to a fingerprint ({@code update_word_fingerprint}): which letters it has, and how often each
     * character class follows another (letters, digits, and others standing also for the word's start and end).
     */
    private static void fingerprint(int[] fp, String word) {
        int from = 28;
        for (int i = 0; i < word.length(); i++) {
            char c = Character.toLowerCase(word.charAt(i));
            int to = c >= 'a' && c <= 'z' ? c - 'a' + 1 : c >= '0' && c <= '9' ? 27 : 28;
            fp[to] = 1;
            fp[32 * from + to]++;
            from = to;
        }
        fp[32 * from + 28]++;
    }
}
