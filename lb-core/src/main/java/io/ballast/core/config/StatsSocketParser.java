package io.ballast.core.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses {@code stats socket <address> [options]} lines into {@link StatsSocketConfig}s, one per address. Unknown
 * options, and user or group names the system does not know, are errors as in HAProxy; the options of HAProxy's
 * bind lines that do not apply to Ballast are warned about.
 */
final class StatsSocketParser {

    private static final String KEYWORD = "stats socket";

    /** The options Ballast applies, and those it warns about, with their argument counts. */
    private static final Map<String, Integer> ARITY = new TreeMap<>();

    static {
        for (String k : new String[] {"level", "mode", "user", "group", "uid", "gid", "expose-fd", "process", "name",
                "maxconn", "severity-output", "thread", "nice", "backlog", "id"}) {
            ARITY.put(k, 1);
        }
    }

    private final EndpointParser endpoints;
    private final Diagnostics diagnostics;
    private final UserPrincipalLookupService principals = FileSystems.getDefault().getUserPrincipalLookupService();

    StatsSocketParser(EndpointParser endpoints, Diagnostics diagnostics) {
        this.endpoints = endpoints;
        this.diagnostics = diagnostics;
    }

    /**
     * Adds the sockets of {@code d} ({@code stats socket ...}) to {@code into}; reports problems and adds nothing
     * when the line has any.
     */
    void parse(Directive d, List<StatsSocketConfig> into) {
        SourceLocation loc = d.location();
        try {
            if (d.size() < 3) {
                throw new IllegalArgumentException("'stats socket' in global section expects an address or a path to"
                        + " a UNIX socket");
            }
            List<Endpoint> addresses = endpoints.parseBind(d.arg(2));
            StatsSocketConfig.Level level = StatsSocketConfig.Level.OPERATOR;
            int mode = -1;
            String user = null;
            String group = null;
            boolean exposeFd = false;
            for (int i = 3; i < d.size(); i += 2) {
                String option = d.arg(i);
                if (!ARITY.containsKey(option)) {
                    throw new IllegalArgumentException("unknown keyword '" + option + "'"
                            + Suggestions.didYouMean(option, ARITY.keySet()));
                }
                String value = d.arg(i + 1);
                switch (option) {
                    case "level" -> level = level(value);
                    case "mode" -> mode = mode(value);
                    case "user" -> user = principal(value, "user", false);
                    case "group" -> group = principal(value, "group", true);
                    case "uid" -> user = id(value, "uid");
                    case "gid" -> group = id(value, "gid");
                    case "expose-fd" -> exposeFd = exposeFd(value);
                    default -> {
                        required(value, option, "value");
                        diagnostics.warning(loc, KEYWORD, "option '" + option + "' is not supported on the runtime"
                                + " API yet; ignored");
                    }
                }
            }
            for (Endpoint e : addresses) {
                if (e instanceof FdEndpoint) {
                    throw new IllegalArgumentException("inherited sockets ('" + e.text() + "') are not supported for"
                            + " the runtime API yet; use a UNIX socket path or ipv4@<address>:<port>");
                }
            }
            for (Endpoint e : addresses) {
                into.add(new StatsSocketConfig(e, level, mode, user, group, exposeFd, loc));
            }
        } catch (IllegalArgumentException e) {
            diagnostics.error(loc, KEYWORD, e.getMessage());
        }
    }

    private static StatsSocketConfig.Level level(String value) {
        required(value, "level", "level");
        for (StatsSocketConfig.Level l : StatsSocketConfig.Level.values()) {
            if (l.keyword().equals(value)) {
                return l;
            }
        }
        throw new IllegalArgumentException("'level' only supports 'user', 'operator', and 'admin' (got '" + value
                + "')");
    }

    private static boolean exposeFd(String value) {
        if (!"listeners".equals(value)) {
            throw new IllegalArgumentException("'expose-fd' only supports 'listeners' (got '"
                    + (value == null ? "" : value) + "')");
        }
        return true;
    }

    private static int mode(String value) {
        try {
            int mode = Integer.parseInt(value == null ? "" : value, 8);
            if (mode >= 0 && mode <= 07777) {
                return mode;
            }
        } catch (NumberFormatException e) {
            // reported below, in HAProxy's words
        }
        throw new IllegalArgumentException("'mode' : missing or invalid mode '" + (value == null ? "" : value)
                + "' (octal integer expected)");
    }

    /** A user or group name, checked against the system's users and groups as HAProxy checks it. */
    private String principal(String name, String what, boolean isGroup) {
        required(name, what, what + " name");
        try {
            if (isGroup) {
                principals.lookupPrincipalByGroupName(name);
            } else {
                principals.lookupPrincipalByName(name);
            }
            return name;
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("'" + what + "' : unknown " + what + " name '" + name + "'");
        }
    }

    private static String id(String value, String what) {
        required(value, what, what);
        if (!value.matches("\\d{1,9}")) {
            throw new IllegalArgumentException("'" + what + "' expects a number, not '" + value + "'");
        }
        return value;
    }

    private static void required(String value, String option, String what) {
        if (value == null) {
            throw new IllegalArgumentException("'" + option + "' : missing " + what);
        }
    }
}
