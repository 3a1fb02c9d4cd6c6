package io.ballast.core.config;

import java.util.List;

/**
 * A configuration that loaded, with the warnings it produced.
 *
 * @param config   the validated model
 * @param warnings what the user should know about (deprecated keywords, features the JVM cannot offer...)
 */
public record LoadedConfig(BallastConfig config, List<Diagnostic> warnings) {

    /** Copies the warning list. */
    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
