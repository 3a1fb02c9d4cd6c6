package io.ballast.health;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wording verified against HAProxy 2.6.12 in the foreground. */
class StateLogTest {

    @Test
    void downAfterRefusedConnection() {
        assertEquals("Server be_web/s3 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\","
                        + " check duration: 0ms. 2 active and 0 backup servers left. 0 sessions active, 0 requeued,"
                        + " 0 remaining in queue.",
                StateLog.downMessage("be_web/s3", StateLog.reason(new CheckResult(CheckStatus.L4CON,
                        "Connection refused", 0)), 2, 0, 0));
    }

    @Test
    void downAfterTimeoutHasNoInfo() {
        assertEquals("Server be_web/s3 is DOWN, reason: Layer4 timeout, check duration: 301ms. 1 active and 0"
                        + " backup servers left. 3 sessions active, 0 requeued, 0 remaining in queue.",
                StateLog.downMessage("be_web/s3", StateLog.reason(new CheckResult(CheckStatus.L4TOUT, null, 301)),
                        1, 0, 3));
    }

    @Test
    void up() {
        assertEquals("Server be_web/s3 is UP, reason: Layer4 check passed, check duration: 1ms. 3 active and 0"
                        + " backup servers online. 0 sessions requeued, 0 total in queue.",
                StateLog.upMessage("be_web/s3", StateLog.reason(new CheckResult(CheckStatus.L4OK, null, 1)), 3, 0));
    }

    @Test
    void connectErrorsKeepOnlyTheErrnoText() {
        assertEquals("Connection refused", ConnectErrors.info(new ConnectException("Connection refused")));
        assertEquals("Connection refused",
                ConnectErrors.info(new ConnectException("Connection refused: /127.0.0.1:8080")));
        assertEquals("Connection refused",
                ConnectErrors.info(new ConnectException("finishConnect(..) failed: Connection refused: /127.0.0.1:1")));
        assertEquals("Connection refused",
                ConnectErrors.info(new ConnectException("finishConnect(..) failed with error(-111)")));
        assertEquals("No route to host",
                ConnectErrors.info(new java.net.NoRouteToHostException("No route to host: /10.0.0.1:80")));
        assertFalse(ConnectErrors.isSocketError(new IOException("x")));
        assertTrue(ConnectErrors.isSocketError(new IllegalStateException("x")));
    }
}
