package io.ballast.core.config;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.ballast.core.config.TestConfigs.errors;
import static io.ballast.core.config.TestConfigs.fails;
import static io.ballast.core.config.TestConfigs.load;
import static io.ballast.core.config.TestConfigs.minimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code retry-on}, with HAProxy 2.6's keywords and messages. */
class RetryOnConfigTest {

    private static RetryOn retryOn(String line) throws Exception {
        return load(minimal(line)).config().backend("be").orElseThrow().retryOn();
    }

    @Test
    void theDefaultIsConnFailure() throws Exception {
        assertEquals(RetryOn.DEFAULT, retryOn(""));
    }

    @Test
    void aListReplacesTheDefault() throws Exception {
        assertEquals(new RetryOn(false, true, false, false, Set.of(503)), retryOn("  retry-on empty-response 503"));
    }

    @Test
    void allRetryableErrorsExpands() throws Exception {
        assertEquals(new RetryOn(true, true, true, true, Set.of(500, 502, 503, 504)),
                retryOn("  retry-on all-retryable-errors"));
    }

    @Test
    void noneMustBeAlone() {
        assertTrue(errors(fails(minimal("  retry-on none 503"))).contains("'retry-on' 'none' keyworld only usable alone"));
    }

    @Test
    void unknownKeywordsAndStatusesAreRefused() {
        assertTrue(errors(fails(minimal("  retry-on 400"))).contains("'retry-on': unknown keyword '400'"));
    }

    @Test
    void anEmptyListIsRefused() {
        assertTrue(errors(fails(minimal("  retry-on"))).contains("'retry-on' needs at least one keyword"));
    }
}
