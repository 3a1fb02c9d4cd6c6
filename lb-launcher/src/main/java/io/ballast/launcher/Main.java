package io.ballast.launcher;

import io.netty.util.ResourceLeakDetector;

import java.util.List;

/**
 * {@code java -jar ballast.jar [options]}: the HAProxy-compatible command line. See {@link Launcher}.
 */
public final class Main {

    /** Netty's property for its leak detector's level (simple, advanced, paranoid, disabled). */
    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    private Main() {
    }

    /**
     * Runs the launcher and exits with its status. Netty's buffer leak detector is off unless
     * {@code -Dio.netty.leakDetection.level} asks for it: its default sampling records a stack trace for one
     * buffer in 128, about 2 % of the CPU of a keep-alive request. The tests run it at paranoid.
     */
    public static void main(String[] args) {
        if (System.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.exit(new Launcher().run(List.of(args)));
    }
}
