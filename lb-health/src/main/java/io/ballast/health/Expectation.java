package io.ballast.health;

import io.netty.buffer.ByteBuf;

/** What an expect step of a check dialogue wants to see in the server's answer. */
interface Expectation {

    /**
     * Judges what was received so far.
     *
     * @param data   the bytes received since the last send (not to be consumed or released)
     * @param closed whether no more bytes can come (the server closed, or the buffer is full)
     * @return the verdict, or {@code null} when more bytes are needed
     */
    Outcome evaluate(ByteBuf data, boolean closed);

    /** How timeouts of this step describe it, e.g. {@code expect string '+PONG'}. */
    String describe();

    /** The status of a check that timed out waiting for this answer. */
    default CheckStatus timeoutStatus() {
        return CheckStatus.L7TOUT;
    }

    /**
     * The verdict of an expect step.
     *
     * @param passed whether the step passed
     * @param status the check status it stands for, or {@code null} for the dialogue's default
     * @param code   the code shown with statuses that have one
     * @param info   the detail shown in logs, or {@code null}
     */
    record Outcome(boolean passed, CheckStatus status, int code, String info) {

        /** A pass that leaves the final status to the dialogue. */
        static final Outcome PASS = new Outcome(true, null, 0, null);

        /** A failure with {@code status} and {@code info}. */
        static Outcome fail(CheckStatus status, int code, String info) {
            return new Outcome(false, status, code, info);
        }
    }
}
