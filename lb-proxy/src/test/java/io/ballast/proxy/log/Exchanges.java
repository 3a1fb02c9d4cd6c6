package io.ballast.proxy.log;

import java.net.InetSocketAddress;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Builds {@link ExchangeLog}s that replay exchanges captured from HAProxy 2.6.12 (times in UTC). */
final class Exchanges {

    private static final long MS = 1_000_000L;

    private Exchanges() {
    }

    /** An exchange accepted at {@code 2026-11-24T<time>Z} from 127.0.0.1:{@code clientPort} on fe_main. */
    static ExchangeLog accepted(String frontend, String time, int clientPort, int frontendPort) {
        ExchangeLog x = new ExchangeLog();
        x.connection(frontend, new InetSocketAddress("127.0.0.1", clientPort),
                new InetSocketAddress("127.0.0.1", frontendPort));
        long millis = LocalDateTime.parse("2026-11-24T" + time).toInstant(ZoneOffset.UTC).toEpochMilli();
        x.begin(millis, 0);
        return x;
    }

    /** The request arrived at once and was parsed. */
    static ExchangeLog request(ExchangeLog x, String method, String uri, int bytes) {
        x.requestStarted(0);
        x.requestReceived(0);
        x.request(method, uri, "HTTP/1.1");
        x.addBytesFromClient(bytes);
        return x;
    }

    static long ms(int millis) {
        return millis * MS;
    }
}
