package io.ballast.proxy.log;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A compiled {@code log-format}: literal text, separators and variables, rendered into a caller's
 * {@link StringBuilder} without allocating (dates come from a per-thread {@link LogDates}).
 *
 * <p>As in HAProxy, a separator (one or more spaces in the format) is written only when something other than a
 * separator was written since the last one, so variables that print nothing (uncaptured headers) leave no double
 * spaces; text with no value prints {@code -}, or {@code ""} when quoted.
 */
final class LogFormat {

    /** Node kinds besides variables. */
    static final int TEXT = -1;
    static final int SEPARATOR = -2;
    /** A sample expression ({@code %[ssl_fc]}), in {@link #samples}. */
    static final int SAMPLE = -3;

    /** {@code +Q}: quote strings. */
    static final int QUOTE = 1;
    /** {@code +X}: numbers and addresses in hexadecimal. */
    static final int HEX = 2;
    /** {@code +E}: escape {@code "}, {@code \} and {@code ]} with a backslash. */
    static final int ESCAPE = 4;

    static final long PID = ProcessHandle.current().pid();
    static final String HOSTNAME = hostname();

    private static final LogVar[] VARS = LogVar.values();
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private final int[] ops;
    private final int[] flags;
    private final String[] texts;
    private final String source;
    /** Per node: the expression of a {@link #SAMPLE} node, else {@code null}. */
    private final io.ballast.acl.SampleExpression[] samples;

    /**
     * @param ops    per node: {@link #TEXT}, {@link #SEPARATOR} or a {@link LogVar} ordinal
     * @param flags  per node: the variable's flags
     * @param texts  per node: the literal for {@link #TEXT}
     * @param source the format as written
     * @param samples per node: the expression of a {@link #SAMPLE} node, else {@code null}
     */
    LogFormat(int[] ops, int[] flags, String[] texts, String source, io.ballast.acl.SampleExpression[] samples) {
        this.ops = ops;
        this.flags = flags;
        this.texts = texts;
        this.source = source;
        this.samples = samples;
    }

    /** Appends the line for {@code x} to {@code sb}. */
    void render(ExchangeLog x, StringBuilder sb, LogDates dates) {
        boolean lastWasSpace = true;
        for (int i = 0; i < ops.length; i++) {
            int op = ops[i];
            if (op == SEPARATOR) {
                if (!lastWasSpace) {
                    sb.append(' ');
                    lastWasSpace = true;
                }
            } else if (op == TEXT) {
                sb.append(texts[i]);
                lastWasSpace = false;
            } else if (op == SAMPLE) {
                io.ballast.acl.SampleContext ctx = x.sampleContext();
                text(sb, ctx == null ? null : samples[i].evaluateString(ctx), flags[i]);
                lastWasSpace = false;
            } else {
                int before = sb.length();
                variable(VARS[op], flags[i], x, sb, dates);
                lastWasSpace &= sb.length() == before;
            }
        }
    }

    @Override
    public String toString() {
        return source;
    }

    private static void variable(LogVar v, int f, ExchangeLog x, StringBuilder sb, LogDates dates) {
        switch (v) {
            case CLIENT_IP -> {
                if (x.clientIp == null && x.client != null) {
                    x.clientIp = ip(x.client);
                }
                address(sb, x.client, x.clientIp, f);
            }
            case CLIENT_PORT -> port(sb, x.client, f);
            case FRONTEND_IP -> {
                if (x.frontendIp == null && x.frontendAddress != null) {
                    x.frontendIp = ip(x.frontendAddress);
                }
                address(sb, x.frontendAddress, x.frontendIp, f);
            }
            case FRONTEND_PORT -> port(sb, x.frontendAddress, f);
            case BACKEND_IP -> address(sb, x.serverLocal, x.serverLocal == null ? null : ip(x.serverLocal), f);
            case BACKEND_PORT -> port(sb, x.serverLocal, f);
            case SERVER_IP -> address(sb, x.server, x.server == null ? null : ip(x.server), f);
            case SERVER_PORT -> port(sb, x.server, f);
            case FRONTEND -> text(sb, x.frontend, f);
            case FRONTEND_TRANSPORT -> {
                quote(sb, f);
                sb.append(x.frontend);
                if (x.tlsInfo != null) {
                    sb.append('~');
                }
                quote(sb, f);
            }
            case BACKEND -> text(sb, x.backend == null ? x.frontend : x.backend, f);
            case SERVER -> text(sb, x.serverName == null ? ExchangeLog.NO_SERVER : x.serverName, f);
            case ACCEPT_DATE -> dates.appendLogDate(sb, x.acceptMillis);
            case REQUEST_DATE -> dates.appendLogDate(sb, requestMillis(x));
            case REQUEST_DATE_GMT -> dates.appendGmtDate(sb, requestMillis(x));
            case REQUEST_DATE_LOCAL -> dates.appendLocalDate(sb, requestMillis(x));
            case ACCEPT_DATE_GMT -> dates.appendGmtDate(sb, x.acceptMillis);
            case ACCEPT_DATE_LOCAL -> dates.appendLocalDate(sb, x.acceptMillis);
            case ACCEPT_EPOCH -> number(sb, Math.floorDiv(x.acceptMillis, 1000), f);
            case ACCEPT_MILLIS -> LogDates.pad(sb, (int) Math.floorMod(x.acceptMillis, 1000), 3);
            case TH -> number(sb, x.tHandshake, f);
            case TI -> number(sb, x.tIdle, f);
            case TR -> number(sb, x.tRequest >= 0 ? x.tRequest - x.tIdle - x.tHandshake : -1, f);
            case TQ -> number(sb, x.tRequest, f);
            case TW -> number(sb, x.tQueue >= 0 ? x.tQueue - x.tRequest : -1, f);
            case TC -> number(sb, x.tConnect >= 0 ? x.tConnect - x.tQueue : -1, f);
            case TR_SERVER -> number(sb, x.tData >= 0 ? x.tData - x.tConnect : -1, f);
            case TA -> number(sb, x.tClose - (x.tIdle >= 0 ? x.tIdle + x.tHandshake : 0), f);
            case TT -> number(sb, x.tClose, f);
            case TD -> {
                int end = x.method != null ? x.tData : x.tConnect;
                number(sb, end >= 0 ? x.tClose - end : -1, f);
            }
            case TU -> number(sb, x.tClose - Math.max(0, x.tIdle), f);
            case STATUS -> number(sb, x.status, f);
            case BYTES_OUT -> number(sb, x.bytesToClient, f);
            case BYTES_IN -> number(sb, x.bytesFromClient, f);
            case REQUEST -> requestLine(sb, x, f);
            case METHOD -> uriPart(sb, x.method, 0, x.method == null ? 0 : x.method.length(), f);
            case URI -> uriPart(sb, x.uri, 0, x.uri == null ? 0 : x.uri.length(), f);
            case PATH -> uriPart(sb, x.uri, 0, queryStart(x.uri), f);
            case PATH_ONLY -> uriPart(sb, x.uri, pathStart(x.uri), queryStart(x.uri), f);
            case QUERY -> uriPart(sb, x.uri, queryStart(x.uri), x.uri == null ? 0 : x.uri.length(), f);
            case VERSION -> uriPart(sb, x.version, 0, x.version == null ? 0 : x.version.length(), f);
            case REQUEST_COOKIE -> text(sb, x.requestCookie, f);
            case RESPONSE_COOKIE -> text(sb, x.responseCookie, f);
            case REQUEST_HEADERS -> captures(sb, x.requestCaptures, true);
            case RESPONSE_HEADERS -> captures(sb, x.responseCaptures, true);
            case REQUEST_HEADERS_LIST -> captures(sb, x.requestCaptures, false);
            case RESPONSE_HEADERS_LIST -> captures(sb, x.responseCaptures, false);
            case ACTIVE -> number(sb, x.activeConnections, f);
            case FRONTEND_CONNS -> number(sb, x.frontendConnections, f);
            case BACKEND_CONNS -> number(sb, x.backendConnections, f);
            case SERVER_CONNS -> number(sb, x.serverConnections, f);
            case RETRIES -> {
                if (x.redispatched) {
                    sb.append('+');
                }
                number(sb, x.retries, f);
            }
            case SERVER_QUEUE -> number(sb, x.serverQueue, f);
            case BACKEND_QUEUE -> number(sb, x.backendQueue, f);
            case REQUEST_COUNTER -> number(sb, x.requestCounter, f);
            case TERMINATION -> sb.append(x.cause).append(x.phase);
            // Ballast has no cookie persistence: HAProxy prints "--" for a backend without a 'cookie' line
            case TERMINATION_COOKIES -> sb.append(x.cause).append(x.phase).append("--");
            case PID -> number(sb, PID, f);
            case HOSTNAME -> text(sb, HOSTNAME, f);
            case SSL_VERSION -> text(sb, x.tlsInfo == null ? null : x.tlsInfo.protocol(), f);
            case SSL_CIPHER -> text(sb, x.tlsInfo == null ? null : x.tlsInfo.cipher(), f);
        }
    }

    private static long requestMillis(ExchangeLog x) {
        return x.acceptMillis + (x.tIdle >= 0 ? x.tIdle + x.tHandshake : 0);
    }

    private static void requestLine(StringBuilder sb, ExchangeLog x, int f) {
        quote(sb, f);
        if (x.method == null) {
            sb.append("<BADREQ>");
        } else {
            encoded(sb, x.method, 0, x.method.length(), f);
            sb.append(' ');
            encoded(sb, x.uri, 0, x.uri.length(), f);
            if (x.version != null) {
                sb.append(' ');
                encoded(sb, x.version, 0, x.version.length(), f);
            }
        }
        quote(sb, f);
    }

    /** A part of the request line, with HAProxy's URL log encoding ({@code #XX} for {@code "}, {@code #}, controls). */
    private static void uriPart(StringBuilder sb, String s, int start, int end, int f) {
        if (s == null || start >= end) {
            text(sb, null, f);
            return;
        }
        quote(sb, f);
        encoded(sb, s, start, end, f);
        quote(sb, f);
    }

    private static void encoded(StringBuilder sb, String s, int start, int end, int f) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c < 32 || c >= 127 || c == '"' || c == '#') {
                sb.append('#').append(HEX_DIGITS[(c >> 4) & 15]).append(HEX_DIGITS[c & 15]);
            } else {
                escaped(sb, c, f);
            }
        }
    }

    private static int queryStart(String uri) {
        if (uri == null) {
            return 0;
        }
        int q = uri.indexOf('?');
        return q < 0 ? uri.length() : q;
    }

    /** Where the path starts: after {@code scheme://authority} in an absolute URI. */
    private static int pathStart(String uri) {
        if (uri == null || uri.startsWith("/")) {
            return 0;
        }
        int scheme = uri.indexOf("://");
        if (scheme < 0) {
            return 0;
        }
        int slash = uri.indexOf('/', scheme + 3);
        return slash < 0 ? uri.length() : slash;
    }

    /**
     * Captured values as HAProxy prints them: {@code {a|b}} ({@code %hr}), or space-separated ({@code %hrl});
     * nothing when none are declared. Control characters, {@code "}, {@code #}, {@code {}, {@code |} and
     * {@code }} are written as {@code #XX} so that a value cannot break the line's syntax.
     */
    private static void captures(StringBuilder sb, String[] values, boolean braces) {
        if (values == null || values.length == 0) {
            return;
        }
        if (braces) {
            sb.append('{');
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(braces ? '|' : ' ');
            }
            String v = values[i];
            if (v == null) {
                continue;
            }
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (c < 32 || c >= 127 || c == '"' || c == '#' || c == '{' || c == '|' || c == '}') {
                    sb.append('#').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                } else {
                    sb.append(c);
                }
            }
        }
        if (braces) {
            sb.append('}');
        }
    }

    private static void text(StringBuilder sb, String s, int f) {
        if (s == null || s.isEmpty()) {
            sb.append((f & QUOTE) != 0 ? "\"\"" : "-");
            return;
        }
        quote(sb, f);
        if ((f & ESCAPE) != 0) {
            for (int i = 0; i < s.length(); i++) {
                escaped(sb, s.charAt(i), f);
            }
        } else {
            sb.append(s);
        }
        quote(sb, f);
    }

    private static void escaped(StringBuilder sb, char c, int f) {
        if ((f & ESCAPE) != 0 && (c == '"' || c == '\\' || c == ']')) {
            sb.append('\\');
        }
        sb.append(c);
    }

    private static void quote(StringBuilder sb, int f) {
        if ((f & QUOTE) != 0) {
            sb.append('"');
        }
    }

    private static void number(StringBuilder sb, long v, int f) {
        if ((f & HEX) != 0 && v >= 0) {
            hex(sb, v, 1);
        } else {
            sb.append(v);
        }
    }

    private static void hex(StringBuilder sb, long v, int minDigits) {
        int digits = Math.max(minDigits, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX_DIGITS[(int) (v >>> shift) & 15]);
        }
    }

    private static void address(StringBuilder sb, InetSocketAddress a, String ip, int f) {
        if (a == null) {
            text(sb, null, f);
        } else if ((f & HEX) != 0 && a.getAddress() != null) {
            for (byte b : a.getAddress().getAddress()) {
                hex(sb, b & 0xff, 2);
            }
        } else {
            quote(sb, f);
            sb.append(ip);
            quote(sb, f);
        }
    }

    private static void port(StringBuilder sb, InetSocketAddress a, int f) {
        if (a == null) {
            sb.append('-');
        } else if ((f & HEX) != 0) {
            hex(sb, a.getPort(), 4);
        } else {
            sb.append(a.getPort());
        }
    }

    /** The address as HAProxy writes it: IPv6 compressed ({@code 2001:db8::1}). */
    private static String ip(InetSocketAddress a) {
        InetAddress addr = a.getAddress();
        return addr == null ? a.getHostString() : io.netty.util.NetUtil.toAddressString(addr);
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
