package io.ballast.proxy.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made for a test by the {@code openssl} command in a directory: a CA, and leaf certificates it signs
 * with a CN and DNS names, written as HAProxy expects them (certificate, key, in one PEM).
 */
public final class TestCertificates {

    private final Path dir;

    /** A CA ({@code ca.pem}, {@code ca.key}) in {@code dir}. */
    public TestCertificates(Path dir) {
        this.dir = dir;
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
                "-subj", "/O=Ballast Tests/CN=Ballast Test CA");
    }

    public Path dir() {
        return dir;
    }

    /** The CA certificate, a {@code ca-file}. */
    public Path ca() {
        return dir.resolve("ca.pem");
    }

    /**
     * A leaf certificate signed by the CA with its key in one PEM, {@code <name>.pem}.
     *
     * @param cn       its subject CN
     * @param dnsNames its DNS subject alternative names (may be empty)
     */
    public Path leaf(String name, String cn, String... dnsNames) {
        List<String> args = new ArrayList<>(List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", name + ".key", "-out", name + ".crt", "-days", "2", "-subj", "/O=Ballast Tests/CN=" + cn,
                "-CA", "ca.pem", "-CAkey", "ca.key"));
        if (dnsNames.length > 0) {
            args.add("-addext");
            args.add("subjectAltName=" + String.join(",", java.util.Arrays.stream(dnsNames).map(d -> "DNS:" + d).toList()));
        }
        args.add("-addext");
        args.add("extendedKeyUsage=serverAuth,clientAuth");
        openssl(args.toArray(new String[0]));
        return concat(name + ".pem", name + ".crt", name + ".key");
    }

    /** Runs {@code openssl args...} in the directory. */
    public void openssl(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes the files {@code parts} one after the other into {@code name}. */
    public Path concat(String name, String... parts) {
        try {
            StringBuilder text = new StringBuilder();
            for (String p : parts) {
                text.append(Files.readString(dir.resolve(p), StandardCharsets.ISO_8859_1));
            }
            Path out = dir.resolve(name);
            Files.writeString(out, text, StandardCharsets.ISO_8859_1);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
