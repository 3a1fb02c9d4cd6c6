package io.ballast.core.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses the check-method options ({@code option httpchk|tcp-check|redis-check|mysql-check|pgsql-check|smtpchk|
 * ldap-check|ssl-hello-chk}) and the {@code http-check}
 * and {@code tcp-check} rule lines of a proxy section into its {@link HealthCheckSettings}, with HAProxy 2.6's
 * error wording. What Ballast does not implement of them is an error, never silently ignored.
 */
final class CheckRuleParser {

    /** The {@code option} names that choose a check method here. */
    static final Set<String> OPTIONS = Set.of("httpchk", "tcp-check", "redis-check", "mysql-check", "pgsql-check",
            "smtpchk", "ldap-check", "ssl-hello-chk");

    private static final String HTTP_CHECK_KEYWORDS = "'disable-on-404', 'send-state', 'comment', 'connect', "
            + "'send', 'expect', 'set-var-fmt(*)', 'set-var(*)', 'unset-var(*)'.";
    private static final String TCP_CHECK_KEYWORDS = "'comment', 'connect', 'send', 'send-binary', 'expect', "
            + "'set-var-fmt(*)', 'set-var(*)', 'unset-var(*)'.";
    private static final String EXPECT_HTTP = "'only supports min-recv, [!]string', '[!]rstring', '[!]string-lf', "
            + "'[!]status', '[!]rstatus', [!]hdr, [!]fhdr or comment";
    private static final String EXPECT_TCP = "'only supports min-recv, [!]binary, [!]string, [!]rstring, "
            + "[!]string-lf or comment";

    /** A syntax error, reported under {@code keyword}. */
    private static final class Bad extends RuntimeException {
        final String keyword;

        Bad(String keyword, String message) {
            super(message, null, false, false);
            this.keyword = keyword;
        }
    }

    private final Diagnostics diagnostics;

    CheckRuleParser(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** Applies {@code option <name> [args]} (or {@code no option <name>}) where name is one of {@link #OPTIONS}. */
    void option(HealthCheckSettings h, Directive d, boolean enable) {
        String name = d.arg(1);
        String kw = "option " + name;
        try {
            if (!enable) {
                if (d.size() > 2) {
                    throw new Bad(kw, "cannot handle unexpected argument '" + d.arg(2) + "'.");
                }
                if (h.type == typeOf(name)) {
                    h.type = HealthCheckConfig.CheckType.CONNECT;
                    h.protocol = HealthCheckConfig.ProtocolArgs.NONE;
                    h.location = null;
                }
                return;
            }
            HealthCheckConfig.ProtocolArgs protocol = HealthCheckConfig.ProtocolArgs.NONE;
            switch (name) {
                case "httpchk" -> httpchk(h, d, kw);
                case "tcp-check", "redis-check", "ldap-check", "ssl-hello-chk" -> maxArgs(d, kw, 0);
                case "mysql-check" -> protocol = mysql(d, kw);
                case "pgsql-check" -> protocol = pgsql(d, kw);
                case "smtpchk" -> protocol = smtp(d, kw);
                default -> throw new IllegalStateException(name);
            }
            h.protocol = protocol;
            h.type = typeOf(name);
            h.location = d.location();
        } catch (Bad e) {
            diagnostics.error(d.location(), e.keyword, e.getMessage());
        }
    }

    /** Applies an {@code http-check} line. */
    void httpCheck(HealthCheckSettings h, Directive d) {
        try {
            String what = d.arg(1);
            if (what == null) {
                throw new Bad(null, "'http-check' only supports " + HTTP_CHECK_KEYWORDS + " but got ''");
            }
            switch (what) {
                case "disable-on-404" -> {
                    if (d.size() > 2) {
                        throw new Bad("http-check", "cannot handle unexpected argument '" + d.arg(2) + "'.");
                    }
                    h.disableOn404 = true;
                }
                case "comment" -> h.ownRules(true).add(comment(d, "http-check comment"));
                case "connect" -> h.ownRules(true).add(connect(d, "http-check connect"));
                case "send" -> h.ownRules(true).add(httpSend(d));
                case "expect" -> h.ownRules(true).add(expect(d, true));
                case "send-state", "set-var", "set-var-fmt", "unset-var" -> throw new Bad("http-check " + what,
                        "'http-check " + what + "' is not supported yet: checks would behave differently than this "
                                + "configuration says");
                default -> throw new Bad(null, "'http-check' only supports " + HTTP_CHECK_KEYWORDS
                        + " but got '" + what + "'");
            }
        } catch (Bad e) {
            diagnostics.error(d.location(), e.keyword, e.getMessage());
        }
    }

    /** Applies a {@code tcp-check} line. */
    void tcpCheck(HealthCheckSettings h, Directive d) {
        try {
            String what = d.arg(1) == null ? "" : d.arg(1);
            switch (what) {
                case "comment" -> h.ownRules(false).add(comment(d, "tcp-check comment"));
                case "connect" -> h.ownRules(false).add(connect(d, "tcp-check connect"));
                case "send", "send-binary" -> h.ownRules(false).add(tcpSend(d, what.equals("send-binary")));
                case "expect" -> h.ownRules(false).add(expect(d, false));
                case "send-lf", "send-binary-lf", "set-var", "set-var-fmt", "unset-var" -> throw new Bad(
                        "tcp-check " + what, "'tcp-check " + what + "' is not supported yet: checks would behave "
                        + "differently than this configuration says");
                default -> throw new Bad(null, "'tcp-check' only supports " + TCP_CHECK_KEYWORDS
                        + " but got '" + what + "'");
            }
        } catch (Bad e) {
            diagnostics.error(d.location(), e.keyword, e.getMessage());
        }
    }

    private static HealthCheckConfig.CheckType typeOf(String option) {
        return switch (option) {
            case "httpchk" -> HealthCheckConfig.CheckType.HTTP;
            case "tcp-check" -> HealthCheckConfig.CheckType.TCP;
            case "redis-check" -> HealthCheckConfig.CheckType.REDIS;
            case "mysql-check" -> HealthCheckConfig.CheckType.MYSQL;
            case "pgsql-check" -> HealthCheckConfig.CheckType.PGSQL;
            case "smtpchk" -> HealthCheckConfig.CheckType.SMTP;
            case "ldap-check" -> HealthCheckConfig.CheckType.LDAP;
            case "ssl-hello-chk" -> HealthCheckConfig.CheckType.SSL_HELLO;
            default -> throw new IllegalStateException(option);
        };
    }

    private static void maxArgs(Directive d, String kw, int max) {
        if (d.size() > 2 + max) {
            throw new Bad(kw, "cannot handle unexpected argument '" + d.arg(2 + max) + "'.");
        }
    }

    /** {@code option mysql-check [user <name> [post-41|pre-41]]}. */
    private static HealthCheckConfig.ProtocolArgs mysql(Directive d, String kw) {
        maxArgs(d, kw, 3);
        if (d.size() == 2) {
            return HealthCheckConfig.ProtocolArgs.NONE;
        }
        if (!d.arg(2).equals("user")) {
            throw new Bad(null, "'" + kw + "' only supports optional values: 'user' (got '" + d.arg(2) + "').");
        }
        if (d.size() < 4 || d.arg(3).isEmpty()) {
            throw new Bad(null, "'" + kw + " user' expects <username> as argument.");
        }
        String version = d.size() == 5 ? d.arg(4) : "post-41";
        if (!version.equals("post-41") && !version.equals("pre-41")) {
            throw new Bad(null, "keyword 'user' only supports 'post-41' and 'pre-41' (got '" + version + "').");
        }
        return new HealthCheckConfig.ProtocolArgs(d.arg(3), version.equals("pre-41"),
                HealthCheckConfig.ProtocolArgs.NONE.smtpCommand());
    }

    /** {@code option pgsql-check user <name>}. */
    private static HealthCheckConfig.ProtocolArgs pgsql(Directive d, String kw) {
        maxArgs(d, kw, 2);
        if (d.size() < 4 || d.arg(3).isEmpty()) {
            throw new Bad(null, "'" + kw + "' expects 'user <username>' as argument.");
        }
        if (!d.arg(2).equals("user")) {
            throw new Bad(null, "'" + kw + "' only supports optional values: 'user'.");
        }
        return new HealthCheckConfig.ProtocolArgs(d.arg(3), false, HealthCheckConfig.ProtocolArgs.NONE.smtpCommand());
    }

    /** {@code option smtpchk [EHLO|HELO <domain>]}: anything else sends the default {@code HELO localhost}. */
    private static HealthCheckConfig.ProtocolArgs smtp(Directive d, String kw) {
        maxArgs(d, kw, 2);
        if (d.size() == 4 && !d.arg(3).isEmpty() && (d.arg(2).equals("EHLO") || d.arg(2).equals("HELO"))) {
            return new HealthCheckConfig.ProtocolArgs(null, false, d.arg(2) + " " + d.arg(3));
        }
        return HealthCheckConfig.ProtocolArgs.NONE;
    }

    /** {@code option httpchk [[<method>] <uri> [<version>]]}, the version possibly hiding headers and a body. */
    private void httpchk(HealthCheckSettings h, Directive d, String kw) {
        if (d.size() > 5) {
            throw new Bad(kw, "cannot handle unexpected argument '" + d.arg(5) + "'.");
        }
        String method = null;
        String uri = null;
        String version = null;
        switch (d.size()) {
            case 3 -> uri = d.arg(2);
            case 4 -> {
                method = d.arg(2);
                uri = d.arg(3);
            }
            case 5 -> {
                method = d.arg(2);
                uri = d.arg(3);
                version = d.arg(4);
            }
            default -> {
            }
        }
        List<CheckRule.Header> headers = new ArrayList<>();
        String body = "";
        if (version != null && version.contains("\r\n")) {
            diagnostics.warning(d.location(), kw, "hiding headers or body at the end of the version string is "
                    + "deprecated. Please, consider to use 'http-check send' directive instead.");
            String[] parts = version.split("\r\n", -1);
            version = parts[0];
            int i = 1;
            for (; i < parts.length && !parts[i].isEmpty(); i++) {
                int colon = parts[i].indexOf(':');
                if (colon <= 0) {
                    throw new Bad(kw, "invalid header line '" + parts[i] + "' hidden in the version string.");
                }
                headers.add(new CheckRule.Header(parts[i].substring(0, colon).strip(),
                        parts[i].substring(colon + 1).strip()));
            }
            if (i + 1 < parts.length) {
                body = String.join("\r\n", java.util.Arrays.asList(parts).subList(i + 1, parts.length));
            }
        }
        h.optionRequest = new CheckRule.HttpSend(method, uri, version, headers, body, null);
    }

    private static CheckRule.Comment comment(Directive d, String kw) {
        if (d.size() != 3) {
            throw new Bad(kw, d.size() < 3 ? "expects a string as argument." : "cannot handle unexpected argument '"
                    + d.arg(3) + "'.");
        }
        return new CheckRule.Comment(d.arg(2));
    }

    private static CheckRule.Connect connect(Directive d, String kw) {
        int port = 0;
        String comment = null;
        for (int i = 2; i < d.size(); i++) {
            String w = d.arg(i);
            switch (w) {
                case "port" -> {
                    String v = value(d, ++i, kw, "'port' expects a port number as argument.");
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 1 || port > 65535) {
                        throw new Bad(kw, "error detected while parsing port expression : unknown fetch method '"
                                + v + "'.");
                    }
                }
                case "comment" -> comment = value(d, ++i, kw, "'comment' expects a string as argument.");
                case "linger", "default" -> {
                }
                case "addr", "send-proxy", "ssl", "sni", "alpn", "via-socks4", "proto" -> throw new Bad(kw,
                        "'" + w + "' is not supported yet: checks would connect differently than this configuration "
                                + "says");
                default -> throw new Bad(kw, "expects 'comment', 'port', 'addr', 'send-proxy', 'ssl', 'sni', 'alpn' "
                        + "or 'via-socks4', 'linger', 'default' but got '" + w + "' as argument.");
            }
        }
        return new CheckRule.Connect(port, comment);
    }

    private static CheckRule.HttpSend httpSend(Directive d) {
        String kw = "http-check send";
        String method = null;
        String uri = null;
        String version = null;
        String body = "";
        String comment = null;
        List<CheckRule.Header> headers = new ArrayList<>();
        for (int i = 2; i < d.size(); i++) {
            String w = d.arg(i);
            switch (w) {
                case "meth" -> method = value(d, ++i, kw, "'meth' expects a string as argument.");
                case "uri" -> uri = value(d, ++i, kw, "'uri' expects a string as argument.");
                case "ver" -> version = value(d, ++i, kw, "'ver' expects a string as argument.");
                case "body" -> body = value(d, ++i, kw, "'body' expects a string as argument.");
                case "comment" -> comment = value(d, ++i, kw, "'comment' expects a string as argument.");
                case "hdr" -> {
                    String name = value(d, ++i, kw, "'hdr' expects <name> and <value> as arguments.");
                    String v = value(d, ++i, kw, "'hdr' expects <name> and <value> as arguments.");
                    if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == ':')) {
                        throw new Bad(kw, "invalid header name '" + name + "'.");
                    }
                    headers.add(new CheckRule.Header(name, v));
                }
                case "uri-lf", "body-lf" -> throw new Bad(kw, "'" + w + "' is not supported yet: checks would send "
                        + "something else than this configuration says");
                default -> throw new Bad(kw, "expects 'comment', 'meth', 'uri', 'uri-lf', 'ver', 'hdr', 'body' or "
                        + "'body-lf' but got '" + w + "' as argument.");
            }
        }
        return new CheckRule.HttpSend(method, uri, version, headers, body, comment);
    }

    private static CheckRule.Send tcpSend(Directive d, boolean binary) {
        String kw = "tcp-check " + d.arg(1);
        String data = value(d, 2, kw, "expects a " + (binary ? "binary" : "") + " string as argument.");
        String comment = null;
        for (int i = 3; i < d.size(); i++) {
            if (!d.arg(i).equals("comment")) {
                throw new Bad(kw, "expects 'comment' but got '" + d.arg(i) + "' as argument.");
            }
            comment = value(d, ++i, kw, "'comment' expects a string as argument.");
        }
        byte[] bytes = binary ? hex(data, kw) : data.getBytes(StandardCharsets.ISO_8859_1);
        return new CheckRule.Send(bytes, binary, comment);
    }

    private static CheckRule.Expect expect(Directive d, boolean http) {
        String kw = (http ? "http-check" : "tcp-check") + " expect";
        boolean negate = false;
        String comment = null;
        CheckRule.ExpectType type = null;
        String pattern = null;
        for (int i = 2; i < d.size(); i++) {
            String w = d.arg(i);
            switch (w) {
                case "!" -> negate = true;
                case "comment" -> comment = value(d, ++i, kw, "'comment' expects a string as argument.");
                case "min-recv" -> value(d, ++i, kw, "'min-recv' expects an integer as argument.");
                case "status", "rstatus", "string", "rstring", "binary" -> {
                    if (type != null || (http && w.equals("binary")) || (!http && w.endsWith("status"))) {
                        throw new Bad(kw, (http ? EXPECT_HTTP : EXPECT_TCP) + " but got '" + w + "' as argument.");
                    }
                    type = CheckRule.ExpectType.valueOf(w.toUpperCase(java.util.Locale.ROOT));
                    pattern = value(d, ++i, kw, "'" + w + "' expects a <pattern> as argument.");
                }
                case "string-lf", "binary-lf", "rbinary", "hdr", "fhdr", "ok-status", "error-status", "tout-status",
                     "on-success", "on-error", "status-code" -> throw new Bad(kw, "'" + w + "' is not supported yet: "
                        + "checks would pass or fail differently than this configuration says");
                default -> throw new Bad(kw, (http ? EXPECT_HTTP : EXPECT_TCP) + " but got '" + w + "' as argument.");
            }
        }
        if (type == null) {
            throw new Bad(kw, "expects a pattern type ('" + (http ? "status', 'rstatus', " : "binary', ")
                    + "'string' or 'rstring') and a pattern.");
        }
        Pattern regex = null;
        byte[] bytes = null;
        List<CheckRule.StatusRange> statuses = List.of();
        switch (type) {
            case STATUS -> statuses = statuses(pattern, kw);
            case RSTATUS, RSTRING -> regex = regex(pattern, kw);
            case STRING -> bytes = pattern.getBytes(StandardCharsets.ISO_8859_1);
            case BINARY -> bytes = hex(pattern, kw);
        }
        return new CheckRule.Expect(type, negate, pattern, regex, bytes, statuses, comment);
    }

    private static String value(Directive d, int i, String kw, String missing) {
        String v = d.arg(i);
        if (v == null) {
            throw new Bad(kw, missing);
        }
        return v;
    }

    private static List<CheckRule.StatusRange> statuses(String pattern, String kw) {
        List<CheckRule.StatusRange> out = new ArrayList<>();
        for (String part : pattern.split(",")) {
            String[] bounds = part.split("-", 2);
            try {
                int from = Integer.parseInt(bounds[0].strip());
                int to = bounds.length == 2 ? Integer.parseInt(bounds[1].strip()) : from;
                if (from < 100 || to > 999 || from > to) {
                    throw new NumberFormatException();
                }
                out.add(new CheckRule.StatusRange(from, to));
            } catch (NumberFormatException e) {
                throw new Bad(kw, "invalid status code or range '" + part + "' in '" + pattern + "'.");
            }
        }
        return out;
    }

    private static Pattern regex(String pattern, String kw) {
        try {
            return Pattern.compile(pattern, Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new Bad(kw, "regex '" + pattern + "' is invalid (error=" + e.getDescription() + ", erroffset="
                    + Math.max(0, e.getIndex()) + ").");
        }
    }

    private static byte[] hex(String text, String kw) {
        if (text.isEmpty() || text.length() % 2 != 0) {
            throw new Bad(kw, "'" + text + "' invalid binary string (an even number of hex digits is expected).");
        }
        byte[] out = new byte[text.length() / 2];
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new Bad(kw, "'" + text + "' invalid binary string (an hex digit is expected (found '"
                        + text.charAt(i) + "')).");
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
