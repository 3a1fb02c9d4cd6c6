package io.ballast.acl.internal.cond;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HAProxy 2.6's predefined ACLs (configuration manual §7.4), as the ACL expressions that define them.
 *
 * <p>Decisions where Ballast has no equivalent state: {@code REQ_CONTENT} ({@code req.len gt 0}) is true whenever
 * an HTTP request is present (its head is buffered content) and false in TCP mode, where Ballast does not buffer
 * payload; {@code WAIT_END} is always true (there is no inspect-delay wait to end); {@code RDP_COOKIE} needs TCP
 * payload inspection and is refused with an explicit error rather than never matching silently.
 */
final class Predefined {

    private Predefined() {
    }

    static final Map<String, List<String>> DEFINITIONS = new LinkedHashMap<>();
    static final Map<String, String> UNSUPPORTED = Map.of(
            "RDP_COOKIE", "the predefined ACL 'RDP_COOKIE' is not supported yet (it needs TCP payload inspection)");

    static {
        def("TRUE", "always_true");
        def("FALSE", "always_false");
        def("HTTP", "req.proto_http");
        def("HTTP_1.0", "req.ver", "1.0");
        def("HTTP_1.1", "req.ver", "1.1");
        def("HTTP_2.0", "req.ver", "2.0");
        def("HTTP_CONTENT", "hdr_val(content-length)", "gt", "0");
        def("HTTP_URL_ABS", "url_reg", "^[^/:]*://");
        def("HTTP_URL_SLASH", "url_beg", "/");
        def("HTTP_URL_STAR", "url", "*");
        def("LOCALHOST", "src", "127.0.0.1/8", "::1");
        def("METH_CONNECT", "method", "CONNECT");
        def("METH_DELETE", "method", "DELETE");
        def("METH_GET", "method", "GET", "HEAD");
        def("METH_HEAD", "method", "HEAD");
        def("METH_OPTIONS", "method", "OPTIONS");
        def("METH_POST", "method", "POST");
        def("METH_PUT", "method", "PUT");
        def("METH_TRACE", "method", "TRACE");
        def("REQ_CONTENT", "req.proto_http");
        def("WAIT_END", "wait_end");
    }

    private static void def(String name, String... words) {
        DEFINITIONS.put(name, List.of(words));
    }
}
