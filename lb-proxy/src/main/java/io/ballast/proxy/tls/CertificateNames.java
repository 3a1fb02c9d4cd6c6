package io.ballast.proxy.tls;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The names of certificates: the DNS names SNI selects them by, and distinguished names as OpenSSL writes them. */
final class CertificateNames {

    private static final int DNS_NAME = 2;

    /** Short names for the attributes RFC 2253 prints as OIDs. */
    private static final Map<String, String> OID_NAMES = Map.of(
            "1.2.840.113549.1.9.1", "emailAddress",
            "2.5.4.5", "serialNumber",
            "2.5.4.4", "SN",
            "2.5.4.42", "GN",
            "2.5.4.12", "title",
            "2.5.4.46", "dnQualifier",
            "2.5.4.65", "pseudonym",
            "0.9.2342.19200300.100.1.25", "DC",
            "0.9.2342.19200300.100.1.1", "UID");

    private CertificateNames() {
    }

    /**
     * The names a certificate serves, lower-cased, as HAProxy indexes them: its subject CN, then its DNS subject
     * alternative names ({@code *.example.com} for wildcards).
     */
    static List<String> dnsNames(X509Certificate cert) {
        Set<String> names = new LinkedHashSet<>();
        String cn = commonName(cert.getSubjectX500Principal());
        if (cn != null) {
            names.add(cn.toLowerCase(Locale.ROOT));
        }
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && san.get(0) instanceof Integer type && type == DNS_NAME) {
                        names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no usable SAN extension: the CN alone
        }
        return new ArrayList<>(names);
    }

    /** The last CN of {@code name}, or {@code null}. */
    static String commonName(X500Principal name) {
        String cn = null;
        for (Rdn rdn : rdns(name)) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                cn = rdn.getValue().toString();
            }
        }
        return cn;
    }

    /**
     * {@code name} as OpenSSL's one-line form prints it, which is what HAProxy's {@code ssl_c_s_dn} returns:
     * {@code /C=FR/O=Example/CN=alice}, attributes in certificate order.
     */
    static String oneLine(X500Principal name) {
        StringBuilder sb = new StringBuilder();
        for (Rdn rdn : rdns(name)) {
            String type = OID_NAMES.getOrDefault(rdn.getType(), rdn.getType());
            Object value = rdn.getValue();
            sb.append('/').append(type).append('=').append(value instanceof byte[] ? "" : value);
        }
        return sb.toString();
    }

    /** The RDNs in certificate order (most significant first). */
    private static List<Rdn> rdns(X500Principal name) {
        try {
            return new LdapName(name.getName(X500Principal.RFC2253, OID_NAMES)).getRdns();
        } catch (InvalidNameException | IllegalArgumentException e) {
            return List.of();
        }
    }
}
