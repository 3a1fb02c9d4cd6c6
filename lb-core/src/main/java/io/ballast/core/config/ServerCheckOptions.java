package io.ballast.core.config;

import java.util.Set;

/**
 * The mutable {@link ServerCheckSettings} of a {@code default-server} or {@code server} line while it is parsed,
 * with the parsing of those options in HAProxy's wording.
 */
final class ServerCheckOptions {

    /** The options handled here, all but {@code agent-check} and {@code no-agent-check} taking one argument. */
    static final Set<String> OPTIONS = Set.of("addr", "agent-check", "no-agent-check", "agent-port", "agent-inter",
            "agent-addr", "agent-send", "observe", "error-limit", "on-error", "on-marked-down", "on-marked-up");

    private String addr;
    private boolean agentCheck;
    private int agentPort;
    private long agentInter;
    private String agentAddr;
    private String agentSend;
    private ServerCheckSettings.Observe observe = ServerCheckSettings.Observe.NONE;
    private int errorLimit = ServerCheckSettings.DEFAULT_ERROR_LIMIT;
    private ServerCheckSettings.OnError onError = ServerCheckSettings.OnError.FAIL_CHECK;
    private boolean shutdownSessionsOnDown;
    private boolean shutdownBackupSessionsOnUp;

    ServerCheckOptions copy() {
        ServerCheckOptions c = new ServerCheckOptions();
        c.addr = addr;
        c.agentCheck = agentCheck;
        c.agentPort = agentPort;
        c.agentInter = agentInter;
        c.agentAddr = agentAddr;
        c.agentSend = agentSend;
        c.observe = observe;
        c.errorLimit = errorLimit;
        c.onError = onError;
        c.shutdownSessionsOnDown = shutdownSessionsOnDown;
        c.shutdownBackupSessionsOnUp = shutdownBackupSessionsOnUp;
        return c;
    }

    ServerCheckSettings build() {
        return new ServerCheckSettings(addr, agentCheck, agentPort, agentInter, agentAddr, agentSend, observe,
                errorLimit, onError, shutdownSessionsOnDown, shutdownBackupSessionsOnUp);
    }

    /**
     * What is wrong with the finished options of server {@code name}, in HAProxy's words, or {@code null}.
     */
    String problem(String name) {
        if (agentCheck && agentPort == 0) {
            return "server " + name + " does not have agent port. Agent check has been disabled.";
        }
        return null;
    }

    /**
     * Applies option {@code opt} (one of {@link #OPTIONS}) with its argument {@code value}.
     *
     * @throws IllegalArgumentException when the value is invalid
     */
    void apply(String opt, String value, String name) {
        switch (opt) {
            case "addr" -> {
                if (value.isEmpty() || value.contains("/") || value.contains(" ")) {
                    throw new IllegalArgumentException("'addr' expects <ipv4|ipv6> as argument.");
                }
                addr = value;
            }
            case "agent-check" -> agentCheck = true;
            case "no-agent-check" -> agentCheck = false;
            case "agent-port" -> agentPort = port(opt, value);
            case "agent-inter" -> {
                long ms = DurationParser.parse(value, opt);
                if (ms == 0) {
                    throw new IllegalArgumentException("invalid value " + value + " for argument 'agent-inter' of server "
                            + name + ".");
                }
                agentInter = ms;
            }
            case "agent-addr" -> {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("'agent-addr' expects an address or '<name>' as argument.");
                }
                agentAddr = value;
            }
            case "agent-send" -> agentSend = value;
            case "observe" -> observe = switch (value) {
                case "none" -> ServerCheckSettings.Observe.NONE;
                case "layer4" -> ServerCheckSettings.Observe.LAYER4;
                case "layer7" -> ServerCheckSettings.Observe.LAYER7;
                default -> throw new IllegalArgumentException("'observe' expects one of 'none', 'layer4', 'layer7' "
                        + "but got '" + value + "'.");
            };
            case "error-limit" -> {
                int limit;
                try {
                    limit = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    limit = 0;
                }
                if (limit <= 0) {
                    throw new IllegalArgumentException("error-limit has to be > 0.");
                }
                errorLimit = limit;
            }
            case "on-error" -> onError = switch (value) {
                case "fastinter" -> ServerCheckSettings.OnError.FASTINTER;
                case "fail-check" -> ServerCheckSettings.OnError.FAIL_CHECK;
                case "sudden-death" -> ServerCheckSettings.OnError.SUDDEN_DEATH;
                case "mark-down" -> ServerCheckSettings.OnError.MARK_DOWN;
                default -> throw new IllegalArgumentException("'on-error' expects one of 'fastinter', 'fail-check', "
                        + "'sudden-death' or 'mark-down' but got '" + value + "'.");
            };
            case "on-marked-down" -> {
                if (!value.equals("shutdown-sessions")) {
                    throw new IllegalArgumentException("'on-marked-down' expects 'shutdown-sessions' but got '"
                            + value + "'.");
                }
                shutdownSessionsOnDown = true;
            }
            case "on-marked-up" -> {
                if (!value.equals("shutdown-backup-sessions")) {
                    throw new IllegalArgumentException("'on-marked-up' expects 'shutdown-backup-sessions' but got '"
                            + value + "'.");
                }
                shutdownBackupSessionsOnUp = true;
            }
            default -> throw new IllegalStateException("not a check option: " + opt);
        }
    }

    private static int port(String opt, String value) {
        int p;
        try {
            p = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            p = -1;
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("'" + opt + "' expects a port between 1 and 65535, not '" + value + "'");
        }
        return p;
    }
}
