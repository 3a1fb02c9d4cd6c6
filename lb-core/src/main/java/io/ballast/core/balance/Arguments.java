package io.ballast.core.balance;

import java.util.List;

/** Checks shared by the providers' argument parsing. */
final class Arguments {

    private Arguments() {
    }

    /** Rejects any argument to {@code algorithm}, with the sentence the loader reports. */
    static void requireNone(String algorithm, List<String> arguments) {
        if (!arguments.isEmpty()) {
            throw new IllegalArgumentException("'" + algorithm + "' takes no argument");
        }
    }
}
