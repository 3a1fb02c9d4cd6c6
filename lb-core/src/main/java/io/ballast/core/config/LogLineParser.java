package io.ballast.core.config;

import java.util.Set;

/** Parses {@code log <target> [len <n>] [format <f>] [sample <r>:<s>] <facility> [<level> [<minlevel>]]}. */
final class LogLineParser {

    static final Set<String> FORMATS = Set.of("local", "rfc3164", "rfc5424", "priority", "short", "timed", "iso", "raw");

    private LogLineParser() {
    }

    /**
     * @param d the {@code log} directive (not {@code log global})
     * @return the target
     * @throws IllegalArgumentException with a message saying what was expected
     */
    static LogTarget parse(Directive d) {
        if (d.size() < 3) {
            throw new IllegalArgumentException("expects '<target> [len <n>] [format <fmt>] <facility> [<level> "
                    + "[<minlevel>]]' or 'global'");
        }
        String target = d.arg(1);
        String format = "local";
        int length = LogTarget.DEFAULT_LENGTH;
        int i = 2;
        while (i < d.size() && Set.of("len", "format", "sample", "profile").contains(d.arg(i))) {
            String opt = d.arg(i);
            String value = d.arg(i + 1);
            if (value == null) {
                throw new IllegalArgumentException("'" + opt + "' expects a value");
            }
            if (opt.equals("len")) {
                try {
                    length = Integer.parseInt(value);
                    if (length < 80 || length > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'len' expects a length between 80 and 65535, not '" + value
                            + "'");
                }
            } else if (opt.equals("format")) {
                if (!FORMATS.contains(value)) {
                    throw new IllegalArgumentException("unknown log format '" + value + "'; known: " + sorted(FORMATS));
                }
                format = value;
            }
            i += 2;
        }
        String facility = d.arg(i);
        if (facility == null) {
            throw new IllegalArgumentException("missing facility (e.g. local0)");
        }
        if (!LogTarget.FACILITIES.contains(facility)) {
            throw new IllegalArgumentException("unknown log facility '" + facility + "'; known: " + sorted(LogTarget.FACILITIES));
        }
        String level = d.arg(i + 1);
        if (level != null && !LogTarget.LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown log level '" + level + "'; known: " + sorted(LogTarget.LEVELS));
        }
        String min = d.arg(i + 2);
        if (min != null && !LogTarget.LEVELS.contains(min)) {
            throw new IllegalArgumentException("unknown log minimum level '" + min + "'; known: " + sorted(LogTarget.LEVELS));
        }
        if (d.size() > i + 3) {
            throw new IllegalArgumentException("unexpected argument '" + d.arg(i + 3) + "'");
        }
        return new LogTarget(target, format, length, facility, level, min, d.location());
    }

    private static String sorted(java.util.Collection<String> s) {
        return String.join(", ", new java.util.TreeSet<>(s));
    }
}
