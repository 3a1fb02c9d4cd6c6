package io.ballast.health;

/**
 * One step of a check dialogue, numbered as HAProxy numbers {@code tcp-check} rules in its logs (comments count,
 * the implicit first connect is number 0).
 */
sealed interface Step {

    /** The step's number. */
    int number();

    /**
     * Connects (again), to {@code port} or, when 0, to the check port.
     *
     * @param comment the rule's comment, or {@code null}
     */
    record Connect(int number, int port, String comment) implements Step {
    }

    /** Sends {@code data} after forgetting what was received. */
    record Send(int number, byte[] data) implements Step {
    }

    /**
     * Waits for the answer {@code expectation} judges.
     *
     * @param comment the rule's comment, or {@code null}
     */
    record Expect(int number, Expectation expectation, String comment) implements Step {
    }
}
