package io.ballast.health;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/** Closes what a test started (servers, checks), last started first, after each test. */
final class Closer implements AfterEachCallback {

    private final List<AutoCloseable> started = new ArrayList<>();

    /** Returns {@code c}, to be closed after the test. */
    <T extends AutoCloseable> T track(T c) {
        started.add(c);
        return c;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
