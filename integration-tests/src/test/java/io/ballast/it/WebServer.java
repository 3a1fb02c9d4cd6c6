package io.ballast.it;

/**
 * A real HTTP backend the scenarios put behind Ballast: a local {@code apache2} process or an
 * {@code httpd:2.4} container. Its index page names the server ({@code web01}, {@code web02});
 * missing paths get the server's own 404. Stop and start keep the same host port.
 */
interface WebServer extends AutoCloseable {
    /** The name its index page shows, matching the server name in the config. */
    String name();

    /** The port on 127.0.0.1 where it answers. */
    int port();

    /** Starts it and waits until it answers. */
    void start();

    /** Stops it and waits until its port refuses connections. */
    void stop();

    /** Stops (if running) and starts again on the same port. */
    default void restart() {
        stop();
        start();
    }

    /** Stops it and removes everything it created. */
    @Override
    void close();
}
