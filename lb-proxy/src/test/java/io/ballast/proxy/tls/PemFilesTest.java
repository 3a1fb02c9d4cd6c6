package io.ballast.proxy.tls;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HAProxy's PEM files read with the JDK: chains, and keys in PKCS#8, PKCS#1 and SEC 1 forms. */
class PemFilesTest {

    @TempDir
    Path dir;
    private TestCertificates certs;

    @BeforeEach
    void ca() {
        certs = new TestCertificates(dir);
    }

    @Test
    void pkcs8RsaWithChain() {
        certs.leaf("a", "a.example", "a.example", "*.b.example");
        Path pem = certs.concat("full.pem", "a.crt", "ca.pem", "a.key");
        PemFiles.KeyAndChain read = PemFiles.read(pem, null);
        assertEquals(2, read.chain().length);
        assertInstanceOf(RSAPrivateKey.class, read.key());
        assertEquals(List.of("a.example", "*.b.example"), CertificateNames.dnsNames(read.chain()[0]));
        assertEquals("/O=Ballast Tests/CN=a.example", CertificateNames.oneLine(read.chain()[0].getSubjectX500Principal()));
        assertEquals("/O=Ballast Tests/CN=Ballast Test CA",
                CertificateNames.oneLine(read.chain()[0].getIssuerX500Principal()));
    }

    @Test
    void pkcs1RsaKeyInASeparateFile() throws Exception {
        certs.leaf("a", "a.example");
        certs.openssl("rsa", "-in", "a.key", "-traditional", "-out", "a.crt.key");
        assertTrue(Files.readString(dir.resolve("a.crt.key")).contains("BEGIN RSA PRIVATE KEY"));
        PemFiles.KeyAndChain read = PemFiles.read(dir.resolve("a.crt"), dir.resolve("a.crt.key"));
        assertInstanceOf(RSAPrivateKey.class, read.key());
        assertEquals(List.of("a.example"), CertificateNames.dnsNames(read.chain()[0]), "the CN alone");
    }

    @Test
    void sec1EcKey() throws Exception {
        certs.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
        assertTrue(Files.readString(dir.resolve("ec.key")).contains("BEGIN EC PRIVATE KEY"));
        certs.openssl("req", "-x509", "-key", "ec.key", "-out", "ec.crt", "-days", "2", "-subj", "/CN=ec.example");
        PemFiles.KeyAndChain read = PemFiles.read(certs.concat("ec.pem", "ec.crt", "ec.key"), null);
        assertInstanceOf(ECPrivateKey.class, read.key());
    }

    @Test
    void noKey() {
        certs.leaf("a", "a.example");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PemFiles.read(dir.resolve("a.crt"), null));
        assertEquals("No Private Key found in '" + dir.resolve("a.crt") + "'.", e.getMessage());
    }
}
