package io.ballast.proxy;

import io.ballast.core.request.RequestView;
import io.ballast.core.request.ResponseView;
import org.junit.jupiter.api.Test;

import java.net.SocketAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * {@code capture cookie}: which cookie is captured and how it is written, on the cases HAProxy 2.6 was run with (the
 * expected values are what its httplog line showed for the same headers).
 */
class CookieCaptureTest {

    private static final CookieCapture SESS_20 = new CookieCapture("SESS", 20);

    @Test
    void theFirstRequestCookieWhoseNameValueStartsWithTheNameIsCutToTheLength() {
        assertEquals("SESSID=abcde", new CookieCapture("SESS", 12).fromRequest(
                request("Cookie", "SESSID=abcdefghijklmnop; other=1")));
        assertEquals("SESSION_LONG_NAME_XY", SESS_20.fromRequest(request("Cookie", "SESSION_LONG_NAME_XYZ=value")));
        assertEquals("SESS=v", SESS_20.fromRequest(request("Cookie", "x=1; SESS=v; SESS=w")));
        assertNull(SESS_20.fromRequest(request("Cookie", "sess=lower")), "names are case-sensitive");
        assertNull(SESS_20.fromRequest(request("X-Cookie", "SESS=1")));
    }

    @Test
    void everyCookieHeaderIsSearchedInOrder() {
        assertEquals("SESSa=2", SESS_20.fromRequest(request("Cookie", "x=1", "cookie", "SESSa=2")));
    }

    @Test
    void requestCookiesAreSeparatedBySemicolonsOrCommasOutsideQuotes() {
        assertEquals("SESS=2", SESS_20.fromRequest(request("Cookie", "a=1, SESS=2")));
        assertEquals("SESS=\"a;b\"", SESS_20.fromRequest(request("Cookie", "SESS=\"a;b\"; x=1")));
    }

    @Test
    void blanksAroundTheEqualSignAreDroppedAndInnerOnesKept() {
        assertEquals("SESSZ=y", SESS_20.fromRequest(request("Cookie", " SESSZ = y ; a=b")));
        assertEquals("SESS=a b c", SESS_20.fromRequest(request("Cookie", "SESS=a b c; x=1")));
    }

    @Test
    void cookiesWithoutEqualSignAndDollarAttributesAreSkipped() {
        assertNull(SESS_20.fromRequest(request("Cookie", "S", "Cookie", "SESS")));
        assertEquals("SESS=v", SESS_20.fromRequest(request("Cookie", "$Version=1; SESS=v; $Path=/")));
        assertEquals("SESS=x", SESS_20.fromRequest(request("Cookie", "=SESS; SESS=x")));
        assertEquals("SESS=", SESS_20.fromRequest(request("Cookie", "SESS=")), "an empty value is a cookie");
    }

    @Test
    void aNameEndingWithEqualsMatchesThatNameOnly() {
        CookieCapture exact = new CookieCapture("SESS=", 20);
        assertEquals("SESS=1", exact.fromRequest(request("Cookie", "SESSID=0; SESS=1")));
    }

    @Test
    void onlyTheFirstCookieOfEachSetCookieHeaderCountsWithoutItsAttributes() {
        assertEquals("SESSX=zz", SESS_20.fromResponse(response("Set-Cookie", "SESSX=zz; path=/", "Set-Cookie",
                "SESS2=qq")));
        assertNull(SESS_20.fromResponse(response("Set-Cookie", "foo=1; SESS=2")));
        assertNull(SESS_20.fromResponse(response("Set-Cookie", "a=1, SESS=2")));
        assertEquals("SESS=\"q;x\"", SESS_20.fromResponse(response("Set-Cookie", "SESS=\"q;x\"; path=/")));
        assertEquals("SESS=sp", SESS_20.fromResponse(response("Set-Cookie", " SESS = sp ; path=/")));
        assertNull(SESS_20.fromResponse(response("Set-Cookie", "SESS")));
        assertNull(SESS_20.fromResponse(response("Cookie", "SESS=1")));
    }

    @Test
    void lengthsOverTheCookieLengthLimitAreCutTo63() {
        String value = "v".repeat(100);
        assertEquals(63, new CookieCapture("S", 100).fromRequest(request("Cookie", "S=" + value)).length());
    }

    /** Headers given as name, value, name, value... */
    private static RequestView request(String... headers) {
        return new RequestView() {
            @Override public String method() { return "GET"; }
            @Override public String uri() { return "/"; }
            @Override public String path() { return "/"; }
            @Override public String query() { return null; }
            @Override public String header(String name) { return null; }
            @Override public String version() { return "1.1"; }
            @Override public int headerCount() { return headers.length / 2; }
            @Override public String headerName(int index) { return headers[2 * index]; }
            @Override public String headerValue(int index) { return headers[2 * index + 1]; }
            @Override public SocketAddress clientAddress() { return null; }
            @Override public SocketAddress localAddress() { return null; }
        };
    }

    private static ResponseView response(String... headers) {
        List<String> h = List.of(headers);
        return new ResponseView() {
            @Override public int status() { return 200; }
            @Override public int headerCount() { return h.size() / 2; }
            @Override public String headerName(int index) { return h.get(2 * index); }
            @Override public String headerValue(int index) { return h.get(2 * index + 1); }
        };
    }
}
