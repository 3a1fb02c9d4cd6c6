package io.ballast.proxy.tls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an OpenSSL cipher string ({@code ciphers}, {@code ssl-default-bind-ciphers}...) into the explicit list of
 * cipher suites the TLS library offers, in order. Named suites are kept when the library has them and silently left
 * out otherwise, as OpenSSL does (BoringSSL has no {@code DHE-*} suite, for example). The common keywords work:
 * {@code ALL}, {@code DEFAULT}, {@code HIGH}, {@code MEDIUM}, key exchange ({@code ECDHE}, {@code EECDH},
 * {@code kRSA}...), authentication ({@code aRSA}, {@code ECDSA}...), encryption ({@code AES}, {@code AESGCM},
 * {@code AES256}, {@code CHACHA20}, {@code 3DES}) and MAC ({@code SHA}, {@code SHA256}, {@code SHA384}), joined with
 * {@code +}, removed with {@code !} or {@code -}; keywords of suites no library offers any more ({@code aNULL},
 * {@code MD5}, {@code RC4}, {@code EXPORT}...) match nothing. {@code @STRENGTH} and {@code @SECLEVEL} are ignored.
 */
final class CipherList {

    private CipherList() {
    }

    /**
     * The suites {@code spec} selects among {@code available} (OpenSSL names, TLS 1.2 and older).
     *
     * @return the suites in order; empty when nothing matched
     */
    static List<String> select(String spec, Collection<String> available) {
        LinkedHashSet<String> chosen = new LinkedHashSet<>();
        Set<String> banned = new HashSet<>();
        for (String token : spec.split("[:, ]+")) {
            if (token.isEmpty() || token.startsWith("@")) {
                continue;
            }
            char op = token.charAt(0);
            String expr = op == '!' || op == '-' || op == '+' ? token.substring(1) : token;
            List<String> matched = new ArrayList<>();
            for (String suite : available) {
                if (matches(suite, expr)) {
                    matched.add(suite);
                }
            }
            if (op == '!') {
                banned.addAll(matched);
                matched.forEach(chosen::remove);
            } else if (op == '-') {
                matched.forEach(chosen::remove);
            } else if (op == '+') {
                for (String s : matched) { // move to the end, in their current order
                    if (chosen.remove(s)) {
                        chosen.add(s);
                    }
                }
            } else {
                for (String s : matched) {
                    if (!banned.contains(s)) {
                        chosen.add(s);
                    }
                }
            }
        }
        return new ArrayList<>(chosen);
    }

    /** Whether {@code suite} matches an explicit name or every {@code +}-joined keyword of {@code expr}. */
    private static boolean matches(String suite, String expr) {
        if (expr.equals(suite)) {
            return true;
        }
        for (String keyword : expr.split("\\+")) {
            if (!has(suite, keyword)) {
                return false;
            }
        }
        return !expr.isEmpty();
    }

    private static boolean has(String suite, String keyword) {
        boolean ecdhe = suite.startsWith("ECDHE-");
        boolean dhe = suite.startsWith("DHE-") || suite.startsWith("EDH-");
        boolean psk = suite.contains("PSK");
        boolean plainRsaKx = !ecdhe && !dhe && !psk;
        boolean ecdsa = suite.contains("-ECDSA-");
        boolean rsaAuth = suite.contains("-RSA-") || plainRsaKx;
        boolean aes128 = suite.contains("AES128") || suite.contains("AES-128");
        boolean aes256 = suite.contains("AES256") || suite.contains("AES-256");
        boolean gcm = suite.contains("GCM");
        boolean chacha = suite.contains("CHACHA20");
        boolean des3 = suite.contains("DES-CBC3") || suite.contains("3DES");
        boolean sha1 = suite.endsWith("-SHA");
        return switch (keyword) {
            case "ALL", "DEFAULT" -> true;
            case "HIGH" -> aes128 || aes256 || chacha;
            case "MEDIUM" -> des3;
            case "ECDHE", "EECDH", "kECDHE", "kEECDH", "ECDH", "kECDH" -> ecdhe;
            case "DHE", "EDH", "kDHE", "kEDH", "DH", "kDH" -> dhe;
            case "kRSA" -> plainRsaKx;
            case "aRSA" -> rsaAuth;
            case "RSA" -> plainRsaKx || rsaAuth;
            case "ECDSA", "aECDSA" -> ecdsa;
            case "PSK", "kPSK", "aPSK" -> psk;
            case "AES" -> aes128 || aes256;
            case "AES128" -> aes128;
            case "AES256" -> aes256;
            case "AESGCM" -> (aes128 || aes256) && gcm;
            case "CHACHA20" -> chacha;
            case "3DES" -> des3;
            case "SHA", "SHA1" -> sha1;
            case "SHA256" -> suite.endsWith("SHA256");
            case "SHA384" -> suite.endsWith("SHA384");
            case "TLSv1.2" -> gcm || chacha || suite.endsWith("SHA256") || suite.endsWith("SHA384");
            default -> false;
        };
    }
}
