package io.ballast.proxy;

import io.ballast.core.server.Server;

import java.util.Map;

/**
 * How the stats page's admin form changes servers: the actions it offers (HAProxy's form values such as
 * {@code ready}, {@code drain}, {@code maint}) and carrying one out on a server. Safe to call from any thread.
 */
interface ServerAdmin {

    /** No action at all: where no health checks run (the explainer's backends). */
    ServerAdmin NONE = new ServerAdmin() {
        @Override
        public Map<String, String> actions() {
            return Map.of();
        }

        @Override
        public boolean apply(Server server, String action) {
            return false;
        }
    };

    /** The actions offered, by form value, with the label the page shows, in HAProxy's order. */
    Map<String, String> actions();

    /**
     * Carries out {@code action} on {@code server}.
     *
     * @return whether the server is acted on; false for an action that is not {@linkplain #actions offered} or does
     *         not apply to it (checks or agent actions on a server without them)
     */
    boolean apply(Server server, String action);
}
