package io.ballast.proxy;

import io.ballast.core.request.RequestView;

import java.net.SocketAddress;

/**
 * The {@link RequestView} of a parsed request head, and the edits {@code http-request} rules make to it. Strings
 * are made only when asked for; the head's headers are copied only when a rule first edits one. Later rules
 * and the balancing algorithm see the edited request, as in HAProxy.
 */
final class HttpRequestView implements RequestView {

    private final HttpHead head;
    private final SocketAddress client;
    private final SocketAddress local;
    /** The client connection's TLS facts, or {@code null} for a plain connection. */
    private final io.ballast.core.request.TlsInfo tls;
    private String method;
    private String uri;
    /** {@link #path()}, made on first use: ACLs ask for it again and again. */
    private String path;
    /** The query's start in {@link #uri} ({@code ?} + 1), -1 without one, -2 until computed. */
    private int queryStart = -2;
    private boolean startLineEdited;
    /** Whether the client sent the request over HTTP/2, which {@link #version()} says, not the head's HTTP/1.1. */
    private boolean http2;
    private EditedHeaders edited;
    private HeadLines lines;

    /** @param head the request head, or {@code null} for a TCP-mode connection */
    HttpRequestView(HttpHead head, SocketAddress client, SocketAddress local) {
        this(head, client, local, null);
    }

    /**
     * @param head the request head, or {@code null} for a TCP-mode connection
     * @param tls  the client connection's TLS facts, or {@code null} for a plain connection
     */
    HttpRequestView(HttpHead head, SocketAddress client, SocketAddress local, io.ballast.core.request.TlsInfo tls) {
        this.head = head;
        this.client = client;
        this.local = local;
        this.tls = tls;
    }

    @Override
    public io.ballast.core.request.TlsInfo tls() {
        return tls;
    }

    @Override
    public String method() {
        if (method == null && head != null) {
            method = head.method();
        }
        return method;
    }

    @Override
    public String uri() {
        if (uri == null && head != null) {
            uri = head.uri();
        }
        return uri;
    }

    @Override
    public String path() {
        if (path == null) {
            String u = uri();
            int q = queryStart();
            path = u == null || q < 0 ? u : u.substring(0, q - 1);
        }
        return path;
    }

    @Override
    public String query() {
        int q = queryStart();
        return q < 0 ? null : uri.substring(q);
    }

    private int queryStart() {
        if (queryStart == -2) {
            String u = uri();
            int q = u == null ? -1 : u.indexOf('?');
            queryStart = q < 0 ? -1 : q + 1;
        }
        return queryStart;
    }

    @Override
    public String header(String name) {
        if (edited != null) {
            return edited.last(name);
        }
        return head == null ? null : head.header(name);
    }

    /** Marks the request as received over HTTP/2 (its head is the HTTP/1.1 form the engine works on). */
    void receivedOverHttp2() {
        http2 = true;
    }

    /** The version the client spoke ({@code req.ver}): {@code 2.0} for HTTP/2, as in HAProxy. */
    @Override
    public String version() {
        if (head == null) {
            return null;
        }
        return http2 ? "2.0" : wireVersion();
    }

    /** The version of the head as it goes to the server. */
    private String wireVersion() {
        return head.version() == HttpHead.HTTP_1_1 ? "1.1" : "1.0";
    }

    @Override
    public int headerCount() {
        if (edited != null) {
            return edited.size();
        }
        return head == null ? 0 : head.headerCount();
    }

    @Override
    public String headerName(int index) {
        return edited != null ? edited.name(index) : lines().name(index);
    }

    @Override
    public String headerValue(int index) {
        return edited != null ? edited.value(index) : lines().value(index);
    }

    private HeadLines lines() {
        if (lines == null) {
            lines = new HeadLines(head);
        }
        return lines;
    }

    @Override
    public SocketAddress clientAddress() {
        return client;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    // ---- edits by http-request rules

    /** The headers, copied from the head on the first call, for a rule to edit. */
    EditedHeaders editHeaders() {
        if (edited == null) {
            edited = new EditedHeaders(head, lines());
        }
        return edited;
    }

    void setMethod(String method) {
        this.method = method;
        startLineEdited = true;
    }

    /** Sets the whole target ({@code set-uri}). */
    void setUri(String uri) {
        this.uri = uri;
        this.path = null;
        this.queryStart = -2;
        startLineEdited = true;
    }

    /** Sets the path and keeps the query string ({@code set-path}). */
    void setPath(String path) {
        String q = query();
        setUri(q == null ? path : path + "?" + q);
    }

    /** Sets the query string, without its {@code ?}, keeping the path ({@code set-query}). */
    void setQuery(String query) {
        setUri(path() + "?" + query);
    }

    /** Whether a rule changed the start line or a header, so the head must be written from this view. */
    boolean isEdited() {
        return startLineEdited || edited != null;
    }

    /** The request line as it goes out, without its line terminator. */
    String startLine() {
        return method() + " " + uri() + " HTTP/" + wireVersion();
    }
}
