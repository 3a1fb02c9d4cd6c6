package io.ballast.launcher;

import io.ballast.core.config.ConfigException;
import io.ballast.core.config.ConfigLoader;
import io.ballast.core.config.LoadedConfig;
import io.ballast.core.request.SimpleRequestView;
import io.ballast.proxy.Ballast;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ballast explain -f <cfg> [-f <cfg>]... [--frontend <name>] '<METHOD> <target> [HTTP/1.x]'
 * [-H 'Name: value']... [--src <ip[:port]>] [-q]}: prints how the configuration handles that request, each rule
 * and ACL evaluated with its result, the backend chosen and why, and the server it would go to
 * ({@link Ballast#explain}). Nothing is bound or started.
 */
final class ExplainCommand {

    /** The word that selects this command, first on the command line. */
    static final String NAME = "explain";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern VERSION = Pattern.compile("HTTP/1\\.[01]");

    private final List<Path> configPaths = new ArrayList<>();
    private final List<String[]> headers = new ArrayList<>();
    private String frontend;
    private String[] requestLine;
    private InetSocketAddress source;
    private boolean quiet;

    private ExplainCommand() {
    }

    /**
     * Parses the arguments after {@code explain}.
     *
     * @throws CommandLine.UsageException on an unknown option, a malformed request line, header or address, or
     *                                    when the configuration or the request is missing
     */
    static ExplainCommand parse(List<String> args) throws CommandLine.UsageException {
        ExplainCommand c = new ExplainCommand();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i++);
            switch (a) {
                case "-f" -> c.configPaths.add(Path.of(value(args, i++, a)));
                case "--frontend" -> c.frontend = value(args, i++, a);
                case "-H" -> c.headers.add(header(value(args, i++, a)));
                case "--src" -> c.source = address(value(args, i++, a));
                case "-q" -> c.quiet = true;
                default -> {
                    if (a.startsWith("-") || c.requestLine != null) {
                        throw new CommandLine.UsageException("explain: unexpected argument '" + a + "'");
                    }
                    c.requestLine = requestLine(a);
                }
            }
        }
        if (c.configPaths.isEmpty()) {
            throw new CommandLine.UsageException("explain: no configuration file given (use -f <file|dir>)");
        }
        if (c.requestLine == null) {
            throw new CommandLine.UsageException("explain: no request given, e.g. 'GET /blog/x' -H 'Host: example.com'");
        }
        return c;
    }

    /**
     * Loads the configuration, printing its diagnostics as {@code -c} does, and prints the explanation on
     * standard output.
     *
     * @return 0 when the request was explained, 1 on a configuration error or an unknown frontend
     */
    int run(Console console, Map<String, String> env) {
        LoadedConfig loaded = Launcher.load(console, quiet,
                () -> Launcher.withRulesChecked(ConfigLoader.withEnvironment(env).load(configPaths)));
        if (loaded == null) {
            return 1;
        }
        Launcher.printDiagnostics(console, quiet, loaded.warnings());
        try {
            Ballast ballast = Ballast.builder(loaded.config()).build();
            console.out().print(ballast.explain(frontend, request()));
            console.out().flush();
            return 0;
        } catch (ConfigException | UnknownHostException | IllegalArgumentException e) {
            console.alert("explain: " + e.getMessage());
            return 1;
        }
    }

    private SimpleRequestView request() {
        SimpleRequestView.Builder b = SimpleRequestView.builder(requestLine[0], requestLine[1]);
        if (requestLine.length == 3) {
            b.version(requestLine[2].substring("HTTP/".length()));
        }
        headers.forEach(h -> b.header(h[0], h[1]));
        return b.clientAddress(source).build();
    }

    private static String value(List<String> args, int index, String option) throws CommandLine.UsageException {
        if (index >= args.size()) {
            throw new CommandLine.UsageException("explain: option '" + option + "' needs an argument");
        }
        return args.get(index);
    }

    private static String[] requestLine(String text) throws CommandLine.UsageException {
        String[] words = text.strip().split("\\s+");
        if (words.length < 2 || words.length > 3 || !TOKEN.matcher(words[0]).matches()
                || (words.length == 3 && !VERSION.matcher(words[2]).matches())) {
            throw new CommandLine.UsageException("explain: malformed request line '" + text
                    + "'; expects '<METHOD> <target> [HTTP/1.0|HTTP/1.1]', e.g. 'GET /blog/x'");
        }
        return words;
    }

    private static String[] header(String text) throws CommandLine.UsageException {
        int colon = text.indexOf(':');
        String name = colon < 0 ? "" : text.substring(0, colon);
        if (name.isEmpty() || !TOKEN.matcher(name).matches()) {
            throw new CommandLine.UsageException("explain: malformed header '" + text + "'; expects 'Name: value'");
        }
        return new String[] {name, text.substring(colon + 1).strip()};
    }

    /** {@code ip}, {@code ip:port} or {@code [ipv6]:port}; only IP literals, never a name to resolve. */
    private static InetSocketAddress address(String text) throws CommandLine.UsageException {
        String host = text;
        int port = 0;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon > 0 && (bracketed || text.indexOf(':') == colon)) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (bracketed && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (port < 0 || port > 65535 || !(host.indexOf(':') >= 0 || host.matches("[0-9.]+"))) {
            throw new CommandLine.UsageException("explain: --src expects an IP address with an optional port, not '"
                    + text + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new CommandLine.UsageException("explain: --src expects an IP address, not '" + text + "'");
        }
    }
}
