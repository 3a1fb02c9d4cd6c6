package io.ballast.proxy.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HAProxy's PEM files: the certificate, then its chain, and the private key, in one file or with the key in
 * a second one. Keys may be PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC 1
 * ({@code BEGIN EC PRIVATE KEY}); the last two are rewrapped as PKCS#8 for the JDK's key factories.
 */
final class PemFiles {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    /** rsaEncryption, 1.2.840.113549.1.1.1. */
    private static final byte[] RSA_OID = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01};
    /** id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private PemFiles() {
    }

    /** A certificate with its chain and key. */
    record KeyAndChain(PrivateKey key, X509Certificate[] chain) {
    }

    /**
     * The certificates of {@code pem} (the first is the server's, the others its chain) and the private key of
     * {@code pem}, or of {@code keyFile} when given.
     *
     * @throws IllegalArgumentException naming the file and what is wrong
     */
    static KeyAndChain read(Path pem, Path keyFile) {
        String text = text(pem);
        List<X509Certificate> chain = certificates(text, pem);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("unable to load SSL certificate from PEM file '" + pem + "'.");
        }
        Path keyPath = keyFile != null ? keyFile : pem;
        PrivateKey key = privateKey(keyFile != null ? text(keyFile) : text, keyPath);
        return new KeyAndChain(key, chain.toArray(new X509Certificate[0]));
    }

    /** Every certificate of a CA file. */
    static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> certs = certificates(text(file), file);
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("unable to load " + file + " (no certificate in it)");
        }
        return certs;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("unable to load SSL certificate from file '" + file + "' : "
                    + e.getMessage() + ".");
        }
    }

    private static List<X509Certificate> certificates(String text, Path file) {
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (m.group(1).endsWith("CERTIFICATE") && !m.group(1).contains("REQUEST")) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der(m))));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("unable to load SSL certificate from PEM file '" + file + "' : "
                    + e.getMessage());
        }
        return out;
    }

    private static PrivateKey privateKey(String text, Path file) {
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] pkcs8;
            switch (type) {
                case "PRIVATE KEY" -> pkcs8 = der(m);
                case "RSA PRIVATE KEY" -> pkcs8 = wrap(sequence(RSA_OID, new byte[] {0x05, 0x00}), der(m));
                case "EC PRIVATE KEY" -> {
                    byte[] sec1 = der(m);
                    pkcs8 = wrap(sequence(EC_OID, curveOf(sec1, file)), sec1);
                }
                default -> {
                    continue;
                }
            }
            for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "DSA"}) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException("unable to load the private key of '" + file
                    + "' (not an RSA, EC or EdDSA key)");
        }
        throw new IllegalArgumentException("No Private Key found in '" + file + "'.");
    }

    private static byte[] der(Matcher m) {
        return Base64.getMimeDecoder().decode(m.group(2));
    }

    /** PKCS#8 PrivateKeyInfo: version 0, the algorithm, the key as an octet string. */
    private static byte[] wrap(byte[] algorithm, byte[] key) {
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    /** The named curve of a SEC 1 ECPrivateKey: the OID in its {@code [0]} parameters. */
    private static byte[] curveOf(byte[] sec1, Path file) {
        int[] outer = header(sec1, 0);
        int i = outer[0];
        int end = outer[0] + outer[1];
        while (i < end) {
            int tag = sec1[i] & 0xff;
            int[] h = header(sec1, i);
            if (tag == 0xa0) {
                byte[] oid = new byte[h[1]];
                System.arraycopy(sec1, h[0], oid, 0, h[1]);
                return oid;
            }
            i = h[0] + h[1];
        }
        throw new IllegalArgumentException("the EC private key of '" + file + "' does not name its curve");
    }

    /** For the element at {@code at}: the offset of its content and its length. */
    private static int[] header(byte[] der, int at) {
        int len = der[at + 1] & 0xff;
        int start = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            len = 0;
            for (int k = 0; k < n; k++) {
                len = (len << 8) | (der[start + k] & 0xff);
            }
            start += n;
        }
        return new int[] {start, len};
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
