package io.ballast.core.config;

import java.util.List;

/**
 * A configuration that loaded, with the warnings and notices it produced.
 *
 * @param config   the validated model
 * @param warnings what the user should know about (deprecated keywords, features the JVM cannot offer...): the
 *                 {@link Diagnostic.Severity#WARNING} and {@link Diagnostic.Severity#NOTICE} diagnostics, in file
 *                 order
 */
public record LoadedConfig(BallastConfig config, List<Diagnostic> warnings) {

    /** Copies the warning list. */
    public LoadedConfig {
        warnings = List.copyOf(warnings);
    }
}
