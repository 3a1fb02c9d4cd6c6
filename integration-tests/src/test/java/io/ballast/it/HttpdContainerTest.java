package io.ballast.it;

import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The core scenarios (round robin, failover, 404 pass-through) against two {@code httpd:2.4}
 * containers. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class HttpdContainerTest extends RoundRobinScenarios {

    @Override
    WebServer newServer(String name) {
        return new HttpdContainerServer(name);
    }
}
