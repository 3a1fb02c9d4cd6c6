package io.ballast.proxy;

import io.ballast.core.request.ReasonPhrases;

/** The reason phrases Ballast writes with the statuses it generates: lb-core's {@link ReasonPhrases}. */
final class StatusLines {

    private StatusLines() {
    }

    /** The reason phrase for {@code status}; for a code without its own, the phrase of its class, as HAProxy. */
    static String reason(int status) {
        return ReasonPhrases.reason(status);
    }
}
