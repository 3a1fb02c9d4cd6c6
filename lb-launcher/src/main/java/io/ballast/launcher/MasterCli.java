package io.ballast.launcher;

import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.StatsSocketConfig;

import java.util.List;

/**
 * HAProxy's {@code -S <bind>[,<bind options>...]} master CLI. Ballast's one process both reloads and serves, so its
 * master CLI is a runtime API socket at the admin level, with {@code reload} and {@code show proc} among its commands;
 * its options are those of {@code stats socket} ({@code mode}, {@code user}, {@code group}...), comma-separated.
 */
final class MasterCli {

    private MasterCli() {
    }

    /**
     * The socket {@code spec} describes, as a {@code stats socket ... level admin} line would.
     *
     * @throws IllegalArgumentException with what is wrong with it
     */
    static StatsSocketConfig socket(String spec) {
        List<String> words = List.of(spec.split(","));
        StringBuilder line = new StringBuilder("global\n\tstats socket '").append(words.get(0)).append("' level admin");
        for (String option : words.subList(1, words.size())) {
            if (option.indexOf('\'') >= 0) {
                throw new IllegalArgumentException("invalid character in '" + option + "'");
            }
            line.append(" '").append(option).append('\'');
        }
        try {
            return ConfigLoader.create().parse("-S", line.append('\n').toString()).config().global().statsSockets()
                    .get(0);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.errors().isEmpty() ? "invalid" : e.errors().get(0).message());
        }
    }

    /** {@code config} with the master CLI {@code socket} added (each reload must keep it); unchanged if null. */
    static BallastConfig added(BallastConfig config, StatsSocketConfig socket) {
        return socket == null ? config : config.withGlobal(config.global().withStatsSocket(socket));
    }
}
