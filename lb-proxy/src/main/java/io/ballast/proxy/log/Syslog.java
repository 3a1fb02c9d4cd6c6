package io.ballast.proxy.log;

import io.ballast.core.config.LogTarget;

import java.util.List;

/** Syslog facility and severity codes (RFC 5424 §6.2.1), by the names HAProxy's {@code log} lines use. */
final class Syslog {

    static final int EMERG = 0;
    static final int ALERT = 1;
    static final int WARNING = 4;
    static final int NOTICE = 5;
    static final int INFO = 6;
    static final int DEBUG = 7;

    private Syslog() {
    }

    /** The facility's code, 16 for {@code local0}. */
    static int facility(String name) {
        return code(LogTarget.FACILITIES, name, "facility");
    }

    /** The severity's code, 6 for {@code info}. */
    static int level(String name) {
        return code(LogTarget.LEVELS, name, "level");
    }

    private static int code(List<String> names, String name, String what) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown syslog " + what + " '" + name + "'");
        }
        return i;
    }
}
