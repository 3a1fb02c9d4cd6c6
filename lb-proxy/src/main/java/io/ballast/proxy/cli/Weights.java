package io.ballast.proxy.cli;

import io.ballast.core.config.BalanceSpec;
import io.ballast.core.config.HashType;
import io.ballast.core.server.Server;

import java.util.Set;

/**
 * {@code set weight} and {@code set server weight} as HAProxy 2.6 reads them ({@code server_parse_weight_change_request}):
 * an absolute weight within 0 and 256, or a percentage of the configured weight; backends with a static algorithm
 * take only 0% and 100%. The messages are HAProxy's, two of them without a final line feed as in HAProxy.
 */
final class Weights {

    /** The algorithms HAProxy balances from a static table when {@code hash-type} is {@code map-based}. */
    private static final Set<String> HASHED = Set.of("source", "uri", "url_param", "hdr", "hash", "rdp-cookie");

    private Weights() {
    }

    /**
     * Applies a weight change to {@code server}.
     *
     * @return the empty string when applied, else why not
     */
    static String change(Server server, String text) {
        if (text.isEmpty()) {
            return "Require <weight> or <weight%>.\n";
        }
        // strtol(): leading blanks, a sign, digits
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == digits) {
            return "Empty weight string empty or preceded by garbage";
        }
        long w = parse(text.substring(start, i));
        String rest = text.substring(i);
        int initial = server.config().weight();
        if (rest.equals("%")) {
            if (w < 0) {
                return "Relative weight must be positive.\n";
            }
            w = Math.min(256, initial * Math.min(w, 25600) / 100);
        } else if (w < 0 || w > 256) {
            return "Absolute weight can only be between 0 and 256 inclusive.\n";
        } else if (!rest.isEmpty()) {
            return "Trailing garbage in weight string";
        }
        if (w != 0 && w != initial && isStatic(server.backend().config().balance())) {
            return "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.\n";
        }
        server.setWeight((int) w);
        return "";
    }

    /** A number that saturates as {@code strtol} does. */
    private static long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return number.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Whether HAProxy's version of the algorithm cannot change weights smoothly ({@code BE_LB_PROP_DYN} unset). */
    static boolean isStatic(BalanceSpec balance) {
        return balance.algorithm().equals("static-rr")
                || HASHED.contains(balance.algorithm()) && balance.hashType().method() == HashType.Method.MAP_BASED;
    }
}
