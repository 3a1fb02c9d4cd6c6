package io.ballast.proxy.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * One command as HAProxy's CLI reads it ({@code cli_parse_request}): words separated by spaces or tabs, a backslash
 * keeping the next character (a space, a {@code ;}) in the word and {@code \\} standing for one backslash, at most
 * 64 words, and a last word {@code <<} that announces a payload instead of being a word.
 *
 * @param words   the words, possibly none
 * @param payload the lines after a {@code <<} line, joined with {@code \n}, or {@code null} without payload
 */
record CommandLine(List<String> words, String payload) {

    /** HAProxy's {@code MAX_CLI_ARGS}: words past it are ignored. */
    static final int MAX_WORDS = 64;

    /** The marker that ends a line announcing a payload. */
    static final String PAYLOAD_MARKER = "<<";

    CommandLine {
        words = List.copyOf(words);
    }

    /**
     * Splits a command line.
     *
     * @param line    the line, without its end of line
     * @param payload the payload gathered after it when it ended with {@code <<}, else {@code null}
     */
    static CommandLine parse(String line, String payload) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (words.size() < MAX_WORDS) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (payload != null && line.substring(i).equals(PAYLOAD_MARKER)) {
                return new CommandLine(words, payload);
            }
            StringBuilder word = new StringBuilder();
            while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
                char c = line.charAt(i++);
                if (c == '\\') {
                    if (i < n) {
                        word.append(line.charAt(i++));
                    }
                } else {
                    word.append(c);
                }
            }
            words.add(word.toString());
        }
        return new CommandLine(words, null);
    }

    /** The word at {@code i}, or an empty string past the end, as HAProxy's argument array reads. */
    String word(int i) {
        return i < words.size() ? words.get(i) : "";
    }
}
