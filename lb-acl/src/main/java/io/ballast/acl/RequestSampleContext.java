package io.ballast.acl;

import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;
import io.ballast.core.server.Backend;

import java.net.SocketAddress;

/**
 * A {@link SampleContext} of a request alone ({@link SampleContext#of}): the request and its client and local
 * addresses. There is no response, and no variables, frontend counters or backend state, so their fetches find
 * nothing.
 */
final class RequestSampleContext implements SampleContext {

    private final RequestView request;

    RequestSampleContext(RequestView request) {
        this.request = request;
    }

    @Override
    public RequestView request() {
        return request;
    }

    @Override
    public ResponseView response() {
        return null;
    }

    @Override
    public SocketAddress clientAddress() {
        return request.clientAddress();
    }

    @Override
    public SocketAddress localAddress() {
        return request.localAddress();
    }

    @Override
    public Backend backend(String name) {
        return null;
    }

    @Override
    public Backend currentBackend() {
        return null;
    }

    @Override
    public int frontendConnections() {
        return 0;
    }

    @Override
    public Object variable(String scopedName) {
        return null;
    }
}
