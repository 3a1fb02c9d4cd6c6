package io.ballast.proxy.cli;

import java.util.List;

/**
 * A command's keywords, as HAProxy registers them ({@code show servers state}), with its line of help.
 *
 * @param words   the words that select the command; the ones after them are its arguments
 * @param usage   the line {@code help} shows, in HAProxy's layout, or {@code null} for a command it does not list
 * @param command what the command does
 */
record Keyword(List<String> words, String usage, Command command) {

    Keyword {
        words = List.copyOf(words);
    }

    /** Whether {@code args} start with this keyword's words. */
    boolean matches(List<String> args) {
        return args.size() >= words.size() && args.subList(0, words.size()).equals(words);
    }
}
