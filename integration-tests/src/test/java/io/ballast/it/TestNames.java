package io.ballast.it;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Remembers the running test's name so process logs in {@code target/it-logs/} are named after it. */
final class TestNames implements BeforeEachCallback, AfterEachCallback {
    private static volatile String current; // tests run one at a time

    static Optional<String> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        current = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        current = null;
    }
}
