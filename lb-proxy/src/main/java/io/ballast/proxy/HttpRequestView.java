package io.ballast.proxy;

import io.ballast.core.request.RequestView;

import java.net.SocketAddress;

/** The {@link RequestView} of a parsed request head: strings are made only when asked for. */
final class HttpRequestView implements RequestView {

    private final HttpHead head;
    private final SocketAddress client;
    private final SocketAddress local;
    private String uri;

    /** @param head the request head, or {@code null} for a TCP-mode connection */
    HttpRequestView(HttpHead head, SocketAddress client, SocketAddress local) {
        this.head = head;
        this.client = client;
        this.local = local;
    }

    @Override
    public String method() {
        return head == null ? null : head.method();
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
        String u = uri();
        if (u == null) {
            return null;
        }
        int q = u.indexOf('?');
        return q < 0 ? u : u.substring(0, q);
    }

    @Override
    public String query() {
        String u = uri();
        int q = u == null ? -1 : u.indexOf('?');
        return q < 0 ? null : u.substring(q + 1);
    }

    @Override
    public String header(String name) {
        return head == null ? null : head.header(name);
    }

    @Override
    public String version() {
        if (head == null) {
            return null;
        }
        return head.version() == HttpHead.HTTP_1_1 ? "1.1" : "1.0";
    }

    @Override
    public int headerCount() {
        return head == null ? 0 : head.headerCount();
    }

    @Override
    public String headerName(int index) {
        return head.string(head.nameStart(index), head.nameEnd(index));
    }

    @Override
    public String headerValue(int index) {
        return head.string(head.valueStart(index), head.valueEnd(index));
    }

    @Override
    public SocketAddress clientAddress() {
        return client;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }
}
