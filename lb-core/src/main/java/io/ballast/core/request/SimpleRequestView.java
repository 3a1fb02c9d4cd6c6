package io.ballast.core.request;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable {@link RequestView} built from strings: for tests, for tools that evaluate rules without a
 * connection (such as {@code ballast explain}) and for embedders that route their own requests.
 *
 * <pre>{@code
 * RequestView r = SimpleRequestView.builder("GET", "/blog/x?a=1").header("Host", "example.com").build();
 * }</pre>
 */
public final class SimpleRequestView implements RequestView {

    private final String method;
    private final String uri;
    private final String version;
    private final List<String> names;
    private final List<String> values;
    private final SocketAddress client;
    private final SocketAddress local;

    private SimpleRequestView(Builder b) {
        this.method = b.method;
        this.uri = b.uri;
        this.version = b.version;
        this.names = List.copyOf(b.names);
        this.values = List.copyOf(b.values);
        this.client = b.client;
        this.local = b.local;
    }

    /** Starts a request with this method and target ({@code /path?query}); HTTP/1.1, no headers, no addresses. */
    public static Builder builder(String method, String uri) {
        return new Builder(method, uri);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String path() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    @Override
    public String query() {
        int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }

    @Override
    public String header(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public int headerCount() {
        return names.size();
    }

    @Override
    public String headerName(int index) {
        return names.get(index);
    }

    @Override
    public String headerValue(int index) {
        return values.get(index);
    }

    @Override
    public SocketAddress clientAddress() {
        return client;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    /** Collects the parts of a {@link SimpleRequestView}. Not thread-safe. */
    public static final class Builder {
        private final String method;
        private final String uri;
        private String version = "1.1";
        private final List<String> names = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private SocketAddress client;
        private SocketAddress local;

        private Builder(String method, String uri) {
            this.method = Objects.requireNonNull(method, "method");
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /** Sets the HTTP version, {@code 1.0} or {@code 1.1} (the default). */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Appends a header line; repeated names make several lines, as on the wire. */
        public Builder header(String name, String value) {
            names.add(Objects.requireNonNull(name, "name"));
            values.add(Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets the client's address. */
        public Builder clientAddress(SocketAddress address) {
            this.client = address;
            return this;
        }

        /** Sets the address the client connected to. */
        public Builder localAddress(SocketAddress address) {
            this.local = address;
            return this;
        }

        /** Makes the immutable view. */
        public SimpleRequestView build() {
            return new SimpleRequestView(this);
        }
    }
}
