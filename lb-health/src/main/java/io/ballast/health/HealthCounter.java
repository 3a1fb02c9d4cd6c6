package io.ballast.health;

/**
 * HAProxy's rise/fall health counter ({@code check.c}, {@code set_server_check_status}).
 *
 * <p>{@code health} ranges over {@code 0 .. rise+fall-1} and the server is up iff {@code health >= rise}.
 * A failure decrements it, and once below {@code rise} forces it to 0; a success increments it, and on
 * reaching {@code rise} makes it jump to {@code rise+fall-1}. It starts at {@code rise} (barely up), so a
 * single failed check at startup takes a server down; once fully up it takes {@code fall} consecutive
 * failures to go down, then {@code rise} consecutive successes to come back.
 *
 * <p>Not thread-safe: each server's counter is used from its own event loop only.
 */
final class HealthCounter {

    /** What a check result did to the up/down verdict. */
    enum Transition {
        /** The verdict did not change. */
        NONE,
        /** The server just became up. */
        WENT_UP,
        /** The server just went down. */
        WENT_DOWN
    }

    private final int rise;
    private final int fall;
    private int health;

    /**
     * @param rise consecutive successes that bring a down server up (at least 1)
     * @param fall consecutive failures that take a fully up server down (at least 1)
     */
    HealthCounter(int rise, int fall) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1, not " + rise + "/" + fall);
        }
        this.rise = rise;
        this.fall = fall;
        this.health = rise;
    }

    /** Records a passed check. */
    Transition success() {
        boolean wasUp = isUp();
        if (health < max()) {
            health++;
            if (health >= rise) {
                health = max();
            }
        }
        return !wasUp && isUp() ? Transition.WENT_UP : Transition.NONE;
    }

    /** Records a failed check. */
    Transition failure() {
        boolean wasUp = isUp();
        if (health > 0) {
            health--;
            if (health < rise) {
                health = 0;
            }
        }
        return wasUp && !isUp() ? Transition.WENT_DOWN : Transition.NONE;
    }

    /** Sets the raw counter (observed errors and leaving maintenance do), bounded to {@code 0 .. rise+fall-1}. */
    void set(int value) {
        health = Math.max(0, Math.min(max(), value));
    }

    /** Whether the server is up: {@code health >= rise}. */
    boolean isUp() {
        return health >= rise;
    }

    /** Up with the counter at its top: the next {@code fall} failures are needed to take it down. */
    boolean isFullyUp() {
        return health == max();
    }

    /** Down with the counter at 0: {@code rise} successes are needed to bring it up. */
    boolean isFullyDown() {
        return health == 0;
    }

    /** The raw counter, {@code 0 .. rise+fall-1}. */
    int health() {
        return health;
    }

    int rise() {
        return rise;
    }

    int fall() {
        return fall;
    }

    private int max() {
        return rise + fall - 1;
    }

    @Override
    public String toString() {
        return "health " + health + "/" + max() + (isUp() ? " UP" : " DOWN");
    }
}
