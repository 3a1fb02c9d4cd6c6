package io.ballast.core.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One step of an {@code http-check} or {@code tcp-check} ruleset (cfg §4.2), in the order the steps run.
 * Every step but {@link Comment} may carry a {@code comment}, which HAProxy shows in failure reasons.
 */
public sealed interface CheckRule {

    /** The comment attached to this step, or {@code null}. */
    String comment();

    /**
     * {@code tcp-check connect} / {@code http-check connect}: (re)connect, optionally to another port.
     *
     * @param port    the port to connect to, 0 for the server's check port
     * @param comment the step's comment, or {@code null}
     */
    record Connect(int port, String comment) implements CheckRule {
    }

    /**
     * {@code tcp-check send <string>} or {@code tcp-check send-binary <hex>}.
     *
     * @param data    the bytes to send (do not modify)
     * @param binary  whether they were written in hex
     * @param comment the step's comment, or {@code null}
     */
    record Send(byte[] data, boolean binary, String comment) implements CheckRule {
    }

    /**
     * {@code http-check send} or the request of {@code option httpchk}.
     *
     * @param method  the request method
     * @param uri     the request target
     * @param version the HTTP version, {@code HTTP/1.0} or {@code HTTP/1.1}
     * @param headers extra header lines, in order
     * @param body    the body, empty for none
     * @param comment the step's comment, or {@code null}
     */
    record HttpSend(String method, String uri, String version, List<Header> headers, String body, String comment)
            implements CheckRule {

        /** Copies the header list. */
        public HttpSend {
            headers = List.copyOf(headers);
        }
    }

    /**
     * A request header line of an HTTP check.
     *
     * @param name  the header name
     * @param value the header value
     */
    record Header(String name, String value) {
    }

    /** What an {@link Expect} step looks at. */
    enum ExpectType {
        /** {@code status <codes>}: the response status is in a list of codes and ranges. */
        STATUS,
        /** {@code rstatus <regex>}: the status code, as text, matches a regex. */
        RSTATUS,
        /** {@code string <text>}: the HTTP body, or the TCP data, contains the text. */
        STRING,
        /** {@code rstring <regex>}: the HTTP body, or the TCP data, matches a regex. */
        RSTRING,
        /** {@code binary <hex>}: the TCP data contains the bytes. */
        BINARY
    }

    /**
     * An inclusive range of HTTP status codes of {@code http-check expect status}.
     *
     * @param from the lowest code
     * @param to   the highest code
     */
    record StatusRange(int from, int to) {

        /** Whether {@code status} is in the range. */
        public boolean contains(int status) {
            return status >= from && status <= to;
        }
    }

    /**
     * {@code http-check expect} / {@code tcp-check expect [!] <type> <pattern>}.
     *
     * @param type     what is matched
     * @param negate   {@code !}: the step fails when the pattern matches
     * @param pattern  the pattern as written
     * @param regex    the compiled pattern of {@code rstatus} and {@code rstring}, else {@code null}
     * @param bytes    the bytes of {@code string} and {@code binary}, else {@code null} (do not modify)
     * @param statuses the codes of {@code status}, else empty
     * @param comment  the step's comment, or {@code null}
     */
    record Expect(ExpectType type, boolean negate, String pattern, Pattern regex, byte[] bytes,
                  List<StatusRange> statuses, String comment) implements CheckRule {

        /** Copies the status list. */
        public Expect {
            statuses = List.copyOf(statuses);
        }
    }

    /**
     * {@code tcp-check comment <text>} / {@code http-check comment <text>}: a step of its own in HAProxy's step
     * numbering, whose text becomes the comment of the steps after it.
     *
     * @param comment the text
     */
    record Comment(String comment) implements CheckRule {
    }
}
