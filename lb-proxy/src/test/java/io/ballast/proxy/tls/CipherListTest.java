package io.ballast.proxy.tls;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OpenSSL cipher strings turned into the explicit suites a library offers. */
class CipherListTest {

    /** BoringSSL's TLS 1.2 suites, in its order. */
    private static final List<String> AVAILABLE = List.of("ECDHE-ECDSA-AES128-GCM-SHA256",
            "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
            "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-ECDSA-AES128-SHA",
            "ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA", "ECDHE-RSA-AES256-SHA", "AES128-GCM-SHA256",
            "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA", "DES-CBC3-SHA");

    @Test
    void explicitNamesKeepTheirOrderAndUnknownOnesAreLeftOut() {
        // Debian's default ssl-default-bind-ciphers: its DHE suites do not exist in BoringSSL.
        assertEquals(List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
                        "ECDHE-RSA-CHACHA20-POLY1305"),
                CipherList.select("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                        + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
                        + "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384", AVAILABLE));
        assertEquals(List.of("AES256-SHA", "ECDHE-RSA-AES128-GCM-SHA256"),
                CipherList.select("AES256-SHA ECDHE-RSA-AES128-GCM-SHA256,NOPE", AVAILABLE));
        assertEquals(List.of(), CipherList.select("FOO", AVAILABLE));
    }

    @Test
    void keywordsAndCombinations() {
        assertEquals(List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
                CipherList.select("ECDH+AESGCM:DH+AESGCM", AVAILABLE));
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384",
                        "ECDHE-RSA-CHACHA20-POLY1305", "ECDHE-RSA-AES128-SHA", "ECDHE-RSA-AES256-SHA"),
                CipherList.select("ECDHE+aRSA", AVAILABLE));
        assertEquals(List.of("AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA", "AES256-SHA"),
                CipherList.select("kRSA:!3DES", AVAILABLE));
    }

    @Test
    void exclusions() {
        List<String> high = CipherList.select("HIGH:!aNULL:!MD5:!SHA1", AVAILABLE);
        assertEquals(List.of("ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
                "ECDHE-RSA-CHACHA20-POLY1305", "AES128-GCM-SHA256", "AES256-GCM-SHA384"), high);
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256"),
                CipherList.select("!AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA", AVAILABLE),
                "a '!' removal is final");
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256", "AES128-SHA"),
                CipherList.select("-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA", AVAILABLE),
                "a '-' removal is not");
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256", "AES128-SHA"),
                CipherList.select("AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:+AES128-SHA:@STRENGTH", AVAILABLE));
    }
}
