package io.ballast.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Parses the address forms of {@code bind} and {@code server} lines (cfg §11): {@code *:80}, {@code :80},
 * {@code 1.2.3.4:80}, {@code [::]:80}, {@code host:80}, port ranges, {@code ipv4@}/{@code ipv6@} prefixes,
 * {@code unix@/path} or an absolute path, and {@code fd@<n>}. Host names are resolved when the configuration
 * is loaded, as HAProxy does. Problems are reported as {@link IllegalArgumentException}s whose message says
 * what was expected.
 */
final class EndpointParser {

    private final Predicate<String> resolver;

    /** @param resolver whether a host name resolves (replaceable for tests) */
    EndpointParser(Predicate<String> resolver) {
        this.resolver = resolver;
    }

    /** An endpoint parser resolving names with {@link InetAddress}. */
    static EndpointParser systemResolver() {
        return new EndpointParser(host -> {
            try {
                InetAddress.getAllByName(host);
                return true;
            } catch (UnknownHostException | SecurityException e) {
                return false;
            }
        });
    }

    /** The endpoints of a bind address list such as {@code :80,:8080} or {@code fd@3}. */
    List<Endpoint> parseBind(String text) {
        List<Endpoint> out = new ArrayList<>();
        for (String one : text.split(",", -1)) {
            if (one.isEmpty()) {
                throw new IllegalArgumentException("empty address in '" + text + "'");
            }
            out.add(parse(one, true));
        }
        return out;
    }

    /** A server address; a missing port gives port 0 ("the port the client connected to"). */
    Endpoint parseServer(String text) {
        return parse(text, false);
    }

    private Endpoint parse(String text, boolean bind) {
        String rest = text;
        InetEndpoint.AddressFamily family = InetEndpoint.AddressFamily.ANY;
        int at = text.indexOf('@');
        if (at >= 0) {
            String prefix = text.substring(0, at);
            rest = text.substring(at + 1);
            switch (prefix) {
                case "ipv4" -> family = InetEndpoint.AddressFamily.IPV4;
                case "ipv6" -> family = InetEndpoint.AddressFamily.IPV6;
                case "unix" -> {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException("missing socket path in '" + text + "'");
                    }
                    return new UnixEndpoint(text, rest);
                }
                case "fd" -> {
                    if (!bind) {
                        throw new IllegalArgumentException("'fd@' addresses are only valid on 'bind' lines, not '" + text + "'");
                    }
                    try {
                        int fd = Integer.parseInt(rest);
                        if (fd < 0) {
                            throw new NumberFormatException();
                        }
                        return new FdEndpoint(text, fd);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'fd@' expects a file descriptor number, not '" + rest
                                + "' in '" + text + "' (is the variable set?)");
                    }
                }
                case "abns" -> throw new IllegalArgumentException("abstract namespace sockets ('abns@') are not "
                        + "supported yet (the JVM cannot bind them); use 'unix@/path' instead of '" + text + "'");
                case "sockpair", "udp", "udp4", "udp6", "quic4", "quic6", "uxdg", "uxst", "tcp", "tcp4", "tcp6" ->
                        throw new IllegalArgumentException("address family '" + prefix + "@' is not supported yet in '"
                                + text + "'; Ballast supports ipv4@, ipv6@, unix@ and fd@");
                default -> throw new IllegalArgumentException("unknown address family '" + prefix + "@' in '" + text
                        + "'; expected ipv4@, ipv6@, unix@ or fd@");
            }
        } else if (text.startsWith("/")) {
            return new UnixEndpoint(text, text);
        }
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in '" + text + "'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.isEmpty()) {
                port = null;
            } else if (after.startsWith(":")) {
                port = after.substring(1);
            } else {
                throw new IllegalArgumentException("unexpected '" + after + "' after ']' in '" + text + "'");
            }
            if (family == InetEndpoint.AddressFamily.ANY) {
                family = InetEndpoint.AddressFamily.IPV6;
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon < 0) {
                host = rest;
                port = null;
            } else {
                host = rest.substring(0, colon);
                port = rest.substring(colon + 1);
            }
        }
        int first;
        int last;
        if (port == null) {
            if (bind) {
                throw new IllegalArgumentException("missing port specification in '" + text + "'");
            }
            first = 0;
            last = 0;
        } else if (port.startsWith("+") || port.startsWith("-")) {
            throw new IllegalArgumentException("port offsets ('" + port + "') are not supported yet in '" + text
                    + "'; write the port explicitly");
        } else {
            int dash = port.indexOf('-');
            if (dash > 0) {
                if (!bind) {
                    throw new IllegalArgumentException("port ranges are not allowed in server addresses: '" + text + "'");
                }
                first = port(port.substring(0, dash), text);
                last = port(port.substring(dash + 1), text);
                if (first < 1 || last < first) {
                    throw new IllegalArgumentException("invalid port range '" + port + "' in '" + text + "'");
                }
            } else {
                first = port(port, text);
                last = first;
                if (bind && first == 0) {
                    throw new IllegalArgumentException("invalid port '0' in '" + text
                            + "' (missing port number; expected 1 to 65535)");
                }
            }
        }
        String resolvedHost = host;
        if (host.isEmpty() || host.equals("*") || host.equals("::") || host.equals("0.0.0.0")) {
            if (host.equals("::") && family == InetEndpoint.AddressFamily.ANY) {
                family = InetEndpoint.AddressFamily.IPV6;
            } else if (host.equals("0.0.0.0") && family == InetEndpoint.AddressFamily.ANY) {
                family = InetEndpoint.AddressFamily.IPV4;
            }
            if (!bind) {
                throw new IllegalArgumentException("a server needs a host, not the wildcard address in '" + text + "'");
            }
            resolvedHost = null;
        } else {
            if (family == InetEndpoint.AddressFamily.ANY) {
                if (host.contains(":")) {
                    family = InetEndpoint.AddressFamily.IPV6;
                } else if (host.matches("[0-9.]+")) {
                    family = InetEndpoint.AddressFamily.IPV4;
                }
            }
            if (host.matches("[0-9.]+") && !host.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
                throw new IllegalArgumentException("invalid IPv4 address '" + host + "' in '" + text + "'");
            }
            if (!resolver.test(host)) {
                String hint = rest.indexOf(':') != rest.lastIndexOf(':')
                        ? "; an IPv6 address must be enclosed in brackets ('[" + rest + "]', or '[" + rest
                        + "]:<port>' to give a port), since the last ':' separates the port" : "";
                throw new IllegalArgumentException("could not resolve address '" + host + "'" + hint);
            }
        }
        return new InetEndpoint(text, resolvedHost, family, first, last);
    }

    private static int port(String s, String text) {
        try {
            int p = Integer.parseInt(s);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port '" + s + "' in '" + text + "' (expected 1 to 65535)");
        }
    }
}
