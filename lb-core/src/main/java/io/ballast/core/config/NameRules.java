package io.ballast.core.config;

/** HAProxy's name charset for proxies and servers: {@code [A-Za-z0-9-_.:]}. */
final class NameRules {

    private NameRules() {
    }

    /** The first character of {@code name} outside the charset, or {@code null} when the name is valid. */
    static String invalidCharacter(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_' || c == '.' || c == ':';
            if (!ok) {
                return String.valueOf(c);
            }
        }
        return null;
    }
}
