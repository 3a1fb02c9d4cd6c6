package io.ballast.health;

import java.util.Locale;

/**
 * What an agent said (cfg §5.2 {@code agent-check}): one ASCII line of words separated by spaces, tabs or commas,
 * among {@code up}, {@code down|fail|stopped}, {@code ready|drain|maint}, {@code <n>%} and {@code maxconn:<n>}.
 * A line with any other word is an error and changes nothing, as in HAProxy.
 *
 * @param health        {@code up}, {@code down}, {@code fail} or {@code stopped} (the word), or {@code null}
 * @param admin         {@code ready}, {@code drain} or {@code maint}, or {@code null}
 * @param weightPercent the weight relative to the configured one, or -1
 */
record AgentReply(String health, String admin, int weightPercent) {

    /**
     * Parses {@code line}.
     *
     * @return the reply, or {@code null} when the line holds a word agents may not say
     */
    static AgentReply parse(String line) {
        String health = null;
        String admin = null;
        int weight = -1;
        for (String word : line.strip().split("[ \t,]+")) {
            String w = word.toLowerCase(Locale.ROOT);
            if (w.isEmpty() || w.startsWith("maxconn:")) {
                continue; // Ballast has no runtime maxconn: the limit stays the configured one
            }
            switch (w) {
                case "up", "down", "fail", "stopped" -> health = w;
                case "ready", "drain", "maint" -> admin = w;
                default -> {
                    if (!w.endsWith("%")) {
                        return null;
                    }
                    try {
                        weight = Integer.parseInt(w.substring(0, w.length() - 1));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    if (weight < 0) {
                        return null;
                    }
                }
            }
        }
        return new AgentReply(health, admin, weight);
    }
}
