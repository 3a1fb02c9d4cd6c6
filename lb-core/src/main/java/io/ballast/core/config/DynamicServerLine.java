package io.ballast.core.config;

import java.util.List;

/**
 * The arguments of the runtime API's {@code add server <backend>/<server> <address> [options]}, read as the same
 * {@code server} line of a configuration file would be (with the same checks and the same errors), but without the
 * backend's {@code default-server} settings, as HAProxy 2.6 creates dynamic servers.
 */
public final class DynamicServerLine {

    private DynamicServerLine() {
    }

    /**
     * Reads the server.
     *
     * @param backend the backend's name
     * @param name    the new server's name
     * @param args    the address, then the options, one word each
     * @throws IllegalArgumentException with the message HAProxy's CLI prints (without its line feed)
     */
    public static ServerConfig parse(String backend, String name, List<String> args) {
        if (args.isEmpty() || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("'server' expects <name> and <addr>[:<port>] as arguments.");
        }
        StringBuilder text = new StringBuilder("backend ").append(quoted(backend)).append("\n\tserver ")
                .append(quoted(name));
        for (String word : args) {
            text.append(' ').append(quoted(word));
        }
        text.append('\n');
        try {
            BallastConfig config = ConfigLoader.create().parse("add server", text.toString()).config();
            ServerConfig server = config.backends().get(0).servers().get(0);
            if (server.tls() != null) { // TLS contexts are built with the configuration, not at run time
                throw new IllegalArgumentException("'ssl' is not supported yet on servers added at run time.");
            }
            return server;
        } catch (ConfigException e) {
            String message = e.errors().isEmpty() ? "invalid server" : e.errors().get(0).message();
            String label = "server " + backend + "/" + name + ": ";
            throw new IllegalArgumentException((message.startsWith(label) ? message.substring(label.length())
                    : message) + ".");
        }
    }

    /** A word in single quotes, which the configuration's lexer takes as it is (no escape, no variable). */
    private static String quoted(String word) {
        if (word.indexOf('\'') >= 0 || word.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("invalid character in '" + word + "'.");
        }
        return "'" + word + "'";
    }
}
