package io.ballast.health;

/**
 * How the runtime API sees a server's administrative and check states, with HAProxy's numbers, as
 * {@code show servers state} prints them.
 *
 * @param adminFlags  {@code srv_admin_state}: 0x01 forced maintenance, 0x04 maintenance from the configuration
 *                    ({@code disabled}; it stays set once the server is made ready), 0x08 forced drain
 * @param health      the rise/fall counter ({@code srv_check_health}); for a server without health check, the one the
 *                    runtime API forces
 * @param checkFlags  {@code srv_check_state}: 0x01 running, 0x02 configured, 0x04 enabled, 0x08 paused by
 *                    maintenance; 0 without health check
 * @param agentFlags  {@code srv_agent_state}: the same bits for the agent, plus 0x10; 0 without agent
 */
public record ControlState(int adminFlags, int health, int checkFlags, int agentFlags) {

    /** {@code SRV_ADMF_FMAINT}: forced maintenance. */
    public static final int FORCED_MAINT = 0x01;
    /** {@code SRV_ADMF_CMAINT}: maintenance from the configuration. */
    public static final int CONFIG_MAINT = 0x04;
    /** {@code SRV_ADMF_FDRAIN}: forced drain. */
    public static final int FORCED_DRAIN = 0x08;

    /** {@code CHK_ST_ENABLED} in {@link #checkFlags} and {@link #agentFlags}: the check or agent is enabled. */
    public static final int ENABLED = 0x04;

    /** Whether its health check is enabled (not turned off by {@code disable health}). */
    public boolean healthCheckEnabled() {
        return (checkFlags & ENABLED) != 0;
    }

    /** Whether its agent is enabled (not turned off by {@code disable agent}). */
    public boolean agentEnabled() {
        return (agentFlags & ENABLED) != 0;
    }

    /** Whether the server has a health check ({@code check}) that runs. */
    public boolean hasHealthCheck() {
        return checkFlags != 0;
    }

    /** Whether the server has an agent ({@code agent-check}) that runs. */
    public boolean hasAgent() {
        return agentFlags != 0;
    }
}
