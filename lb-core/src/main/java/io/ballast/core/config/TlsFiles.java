package io.ballast.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The certificate and CA files of TLS options, checked when the configuration is read so that {@code -c} reports a
 * missing file or a PEM without a key with its {@code file:line}, in HAProxy's words. The certificates themselves are
 * parsed by the engine when it builds its TLS contexts.
 */
final class TlsFiles {

    /** Files of a certificate directory that are not certificates (HAProxy's extra files). */
    private static final List<String> EXTRA_FILES = List.of(".key", ".ocsp", ".issuer", ".sctl");

    private static final Pattern CERTIFICATE = Pattern.compile("-----BEGIN (X509 |TRUSTED )?CERTIFICATE-----");
    private static final Pattern KEY = Pattern.compile("-----BEGIN (RSA |EC |DSA )?PRIVATE KEY-----");
    private static final Pattern ENCRYPTED_KEY = Pattern.compile("-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED");

    private TlsFiles() {
    }

    /** A certificate PEM and, when it holds no key, the file that does. */
    record CertificateFiles(Path pem, Path key) {
    }

    /** {@code file} under {@code base} ({@code crt-base}, {@code ca-base}) unless it is absolute or there is no base. */
    static Path resolve(String base, String file) {
        Path p = Path.of(file);
        return base == null || p.isAbsolute() ? p : Path.of(base).resolve(p);
    }

    /**
     * The certificate files named by {@code crt}: the file, or every certificate of a directory in name order.
     *
     * @throws IllegalArgumentException for a missing or unreadable file, or a PEM without a private key
     */
    static List<CertificateFiles> certificates(Path path) {
        if (Files.isDirectory(path)) {
            List<CertificateFiles> out = new ArrayList<>();
            for (Path p : directory(path)) {
                out.add(certificate(p));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no SSL certificate found in directory '" + path + "'");
            }
            return out;
        }
        return List.of(certificate(path));
    }

    private static List<Path> directory(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && EXTRA_FILES.stream().noneMatch(name::endsWith)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("unable to scan directory '" + dir + "' : " + reason(e));
        }
        files.sort((a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b)));
        return files;
    }

    private static byte[] bytes(Path p) {
        return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One certificate PEM: it must exist, hold a certificate, and hold a private key or have a {@code <file>.key}.
     *
     * @throws IllegalArgumentException in HAProxy's words
     */
    static CertificateFiles certificate(Path pem) {
        String text;
        try {
            text = Files.readString(pem, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("unable to stat SSL certificate from file '" + pem
                    + "' : No such file or directory.");
        } catch (IOException e) {
            throw new IllegalArgumentException("unable to load SSL certificate from file '" + pem + "' : "
                    + reason(e) + ".");
        }
        if (!CERTIFICATE.matcher(text).find()) {
            throw new IllegalArgumentException("unable to load SSL certificate from PEM file '" + pem
                    + "' : no certificate in it.");
        }
        if (ENCRYPTED_KEY.matcher(text).find()) {
            throw new IllegalArgumentException("encrypted private keys are not supported: '" + pem
                    + "' (decrypt it with 'openssl pkey')");
        }
        if (KEY.matcher(text).find()) {
            return new CertificateFiles(pem, null);
        }
        Path key = pem.resolveSibling(pem.getFileName() + ".key");
        String keyText;
        try {
            keyText = Files.readString(key, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            keyText = "";
        }
        if (ENCRYPTED_KEY.matcher(keyText).find()) {
            throw new IllegalArgumentException("encrypted private keys are not supported: '" + key
                    + "' (decrypt it with 'openssl pkey')");
        }
        if (!KEY.matcher(keyText).find()) {
            throw new IllegalArgumentException("No Private Key found in '" + key + "'.");
        }
        return new CertificateFiles(pem, key);
    }

    /**
     * A {@code ca-file}: it must be readable and hold at least one certificate.
     *
     * @throws IllegalArgumentException in HAProxy's words
     */
    static Path readableCaFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("'ca-file' : Couldn't open the ca-file '" + file + "' (" + reason(e)
                    + ").");
        }
        if (!CERTIFICATE.matcher(text).find()) {
            throw new IllegalArgumentException("'ca-file' : unable to load " + file + " (no certificate in it)");
        }
        return file;
    }

    /** The lines of a {@code crt-list} file. */
    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("'crt-list' : cannot open file '" + file + "' : " + reason(e));
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e.getMessage() != null && e.getMessage().contains("Is a directory")) {
            return "Is a directory";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
