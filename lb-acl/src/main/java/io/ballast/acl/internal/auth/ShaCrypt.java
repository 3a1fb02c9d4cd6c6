package io.ballast.acl.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-crypt, the {@code $5$} (SHA-256) and {@code $6$} (SHA-512) schemes of crypt(3), written from Ulrich
 * Drepper's published specification "Unix crypt using SHA-256 and SHA-512". Passwords and salts are bytes;
 * Strings here carry one byte per char (ISO-8859-1), as the configuration is read.
 */
final class ShaCrypt {

    private static final String ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int DEFAULT_ROUNDS = 5000;
    private static final int MIN_ROUNDS = 1000;
    private static final int MAX_ROUNDS = 999_999_999;
    private static final int MAX_SALT = 16;

    private ShaCrypt() {
    }

    /**
     * crypt(3) of {@code password} with the setting of {@code setting} ({@code $5$[rounds=N$]salt[$...]} or the
     * {@code $6$} form): the full hash string, to compare with a stored one.
     *
     * @throws IllegalArgumentException when {@code setting} is not a SHA-crypt setting
     */
    static String crypt(byte[] password, String setting) {
        boolean sha512 = setting.startsWith("$6$");
        if (!sha512 && !setting.startsWith("$5$")) {
            throw new IllegalArgumentException("not a SHA-crypt setting: " + setting);
        }
        String rest = setting.substring(3);
        int rounds = DEFAULT_ROUNDS;
        boolean customRounds = false;
        if (rest.startsWith("rounds=")) {
            int end = rest.indexOf('$');
            if (end < 0) {
                throw new IllegalArgumentException("no '$' after the rounds of " + setting);
            }
            long n = Long.parseLong(rest.substring("rounds=".length(), end));
            rounds = (int) Math.max(MIN_ROUNDS, Math.min(MAX_ROUNDS, n));
            customRounds = true;
            rest = rest.substring(end + 1);
        }
        int saltEnd = rest.indexOf('$');
        String saltText = rest.substring(0, Math.min(saltEnd < 0 ? rest.length() : saltEnd, MAX_SALT));
        byte[] salt = saltText.getBytes(StandardCharsets.ISO_8859_1);
        byte[] hash = digest(sha512 ? "SHA-512" : "SHA-256", password, salt, rounds);
        StringBuilder out = new StringBuilder(sha512 ? "$6$" : "$5$");
        if (customRounds) {
            out.append("rounds=").append(rounds).append('$');
        }
        out.append(saltText).append('$');
        encode(hash, sha512, out);
        return out.toString();
    }

    /** Steps 1 to 21 of the specification: the final digest. */
    private static byte[] digest(String algorithm, byte[] p, byte[] s, int rounds) {
        MessageDigest md = newDigest(algorithm);
        md.update(p);
        md.update(s);
        md.update(p);
        byte[] b = md.digest();

        md.update(p);
        md.update(s);
        addRepeated(md, b, p.length);
        for (int n = p.length; n > 0; n >>= 1) {
            md.update((n & 1) != 0 ? b : p);
        }
        byte[] a = md.digest();

        for (int i = 0; i < p.length; i++) {
            md.update(p);
        }
        byte[] pSequence = repeat(md.digest(), p.length);
        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(s);
        }
        byte[] sSequence = repeat(md.digest(), s.length);

        byte[] c = a;
        for (int i = 0; i < rounds; i++) {
            boolean odd = (i & 1) != 0;
            md.update(odd ? pSequence : c);
            if (i % 3 != 0) {
                md.update(sSequence);
            }
            if (i % 7 != 0) {
                md.update(pSequence);
            }
            md.update(odd ? c : pSequence);
            c = md.digest();
        }
        return c;
    }

    /** Adds {@code length} bytes made of {@code block} repeated. */
    private static void addRepeated(MessageDigest md, byte[] block, int length) {
        int n = length;
        for (; n > block.length; n -= block.length) {
            md.update(block);
        }
        md.update(block, 0, n);
    }

    private static byte[] repeat(byte[] block, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = block[i % block.length];
        }
        return out;
    }

    /** Step 22: the digest's bytes, in the specification's order, as crypt's base-64 (least significant first). */
    private static void encode(byte[] h, boolean sha512, StringBuilder out) {
        if (sha512) {
            for (int i = 0; i < 21; i++) {
                int[] t = {i, i + 21, i + 42};
                int r = i % 3;
                put(out, h[t[r]], h[t[(r + 1) % 3]], h[t[(r + 2) % 3]], 4);
            }
            put(out, (byte) 0, (byte) 0, h[63], 2);
        } else {
            for (int i = 0; i < 10; i++) {
                int[] t = {i, i + 10, i + 20};
                int r = i % 3;
                put(out, h[t[(3 - r) % 3]], h[t[(4 - r) % 3]], h[t[(5 - r) % 3]], 4);
            }
            put(out, (byte) 0, h[31], h[30], 3);
        }
    }

    private static void put(StringBuilder out, byte b2, byte b1, byte b0, int chars) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < chars; i++) {
            out.append(ALPHABET.charAt(w & 0x3f));
            w >>>= 6;
        }
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java platform", e);
        }
    }
}
