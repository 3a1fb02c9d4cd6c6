package io.ballast.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one load, in the order they are found: errors apart, warnings and notices together
 * (only errors are fatal).
 */
final class Diagnostics {

    private final List<Diagnostic> errors = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();

    void error(SourceLocation location, String keyword, String message) {
        errors.add(new Diagnostic(Diagnostic.Severity.ERROR, location, keyword, message));
    }

    void warning(SourceLocation location, String keyword, String message) {
        warnings.add(new Diagnostic(Diagnostic.Severity.WARNING, location, keyword, message));
    }

    void notice(SourceLocation location, String keyword, String message) {
        warnings.add(new Diagnostic(Diagnostic.Severity.NOTICE, location, keyword, message));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    int errorCount() {
        return errors.size();
    }

    List<Diagnostic> errors() {
        return errors;
    }

    List<Diagnostic> warnings() {
        return warnings;
    }
}
