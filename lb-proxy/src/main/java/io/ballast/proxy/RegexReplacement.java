package io.ballast.proxy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy's {@code replace-*} semantics: when the regex matches anywhere in the subject, the whole subject
 * becomes the replacement, in which {@code \0}..{@code \9} stand for the match's groups.
 */
final class RegexReplacement {

    private RegexReplacement() {
    }

    /** {@code subject} replaced, or {@code null} when the regex does not match it. */
    static String apply(Pattern regex, String subject, String replacement) {
        Matcher m = regex.matcher(subject);
        if (!m.find()) {
            return null;
        }
        StringBuilder out = new StringBuilder(replacement.length() + 16);
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length() && Character.isDigit(replacement.charAt(i + 1))) {
                int group = replacement.charAt(++i) - '0';
                if (group <= m.groupCount() && m.group(group) != null) {
                    out.append(m.group(group));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
