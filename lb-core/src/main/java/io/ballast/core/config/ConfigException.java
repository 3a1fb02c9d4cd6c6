package io.ballast.core.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used. It carries every error found, not only the first. */
public final class ConfigException extends Exception {

    private final List<Diagnostic> errors;
    private final List<Diagnostic> warnings;

    /**
     * @param errors   the errors, at least one
     * @param warnings the warnings and notices found on the way
     */
    public ConfigException(List<Diagnostic> errors, List<Diagnostic> warnings) {
        super(errors.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    /** Every error, in file order. */
    public List<Diagnostic> errors() {
        return errors;
    }

    /** The warnings and notices ({@code .notice}) found before and between the errors. */
    public List<Diagnostic> warnings() {
        return warnings;
    }
}
