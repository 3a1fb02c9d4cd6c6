package io.ballast.proxy;

import io.ballast.core.config.BallastConfig;
import io.ballast.core.config.ConfigException;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.SocketAddress;

/**
 * A Ballast started by a test and closed after it ({@code @RegisterExtension final RunningBallast lb = ...}),
 * with its event log silenced.
 */
final class RunningBallast implements AfterEachCallback {

    private Ballast ballast;

    /** Starts {@code config} and returns the first listener's address. */
    SocketAddress start(BallastConfig config) throws IOException, ConfigException {
        ballast = Ballast.builder(config).eventLog((level, message) -> { }).build();
        ballast.start();
        return ballast.boundAddresses().get(0);
    }

    Ballast get() {
        return ballast;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (ballast != null) {
            ballast.close();
            ballast = null;
        }
    }
}
