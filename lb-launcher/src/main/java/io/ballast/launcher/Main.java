package io.ballast.launcher;

import java.util.List;

/**
 * {@code java -jar ballast.jar [options]}: the HAProxy-compatible command line. See {@link Launcher}.
 */
public final class Main {

    private Main() {
    }

    /** Runs the launcher and exits with its status. */
    public static void main(String[] args) {
        System.exit(new Launcher().run(List.of(args)));
    }
}
