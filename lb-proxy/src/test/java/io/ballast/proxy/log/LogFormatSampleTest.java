package io.ballast.proxy.log;

import io.ballast.core.request.SimpleRequestView;
import io.ballast.core.request.TlsInfo;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;

import static io.ballast.proxy.log.Exchanges.accepted;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code %[...]} sample expressions and the TLS variables {@code %ft}, {@code %sslv}, {@code %sslc} of log formats. */
class LogFormatSampleTest {

    private record Tls(String protocol, String cipher, String serverName) implements TlsInfo {
        @Override public String alpn() { return null; }
        @Override public boolean resumed() { return false; }
        @Override public boolean clientCertificate() { return false; }
        @Override public int clientVerifyResult() { return 0; }
        @Override public String clientSubject() { return null; }
        @Override public String clientIssuer() { return null; }
    }

    private static String render(String format, ExchangeLog x) {
        StringBuilder sb = new StringBuilder();
        LogFormatParser.compile(format).render(x, sb, new LogDates(ZoneOffset.UTC));
        return sb.toString();
    }

    /** A request view on a TLS connection, as the engine gives it. */
    private static SimpleRequestView request(String host) {
        return SimpleRequestView.builder("GET", "/x").header("Host", host).build();
    }

    @Test
    void tlsConnection() {
        ExchangeLog x = accepted("fe", "00:00:00.000", 1, 2);
        Tls tls = new Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384", "www.example.com");
        x.tls(tls);
        x.samples(null, new io.ballast.core.request.RequestView() {
            private final SimpleRequestView r = request("www.example.com");
            @Override public String method() { return r.method(); }
            @Override public String uri() { return r.uri(); }
            @Override public String path() { return r.path(); }
            @Override public String query() { return r.query(); }
            @Override public String header(String name) { return r.header(name); }
            @Override public String version() { return r.version(); }
            @Override public int headerCount() { return r.headerCount(); }
            @Override public String headerName(int i) { return r.headerName(i); }
            @Override public String headerValue(int i) { return r.headerValue(i); }
            @Override public java.net.SocketAddress clientAddress() { return r.clientAddress(); }
            @Override public java.net.SocketAddress localAddress() { return r.localAddress(); }
            @Override public TlsInfo tls() { return tls; }
        });
        assertEquals("fe~ 1 TLSv1.3 TLS_AES_256_GCM_SHA384 www.example.com \"www.example.com\" TLSv1.3",
                render("%ft %[ssl_fc] %sslv %sslc %[ssl_fc_sni] %{+Q}[req.hdr(host)] %[ssl_fc_protocol]", x));
    }

    @Test
    void plainConnection() {
        ExchangeLog x = accepted("fe", "00:00:00.000", 1, 2);
        x.samples(null, request("a"));
        assertEquals("fe 0 - - - a", render("%ft %[ssl_fc] %sslv %sslc %[ssl_fc_sni] %[req.hdr(host)]", x));
    }

    @Test
    void nothingKnownPrintsDashes() {
        ExchangeLog x = accepted("fe", "00:00:00.000", 1, 2);
        assertEquals("- -", render("%[ssl_fc] %[req.hdr(host)]", x));
    }
}
