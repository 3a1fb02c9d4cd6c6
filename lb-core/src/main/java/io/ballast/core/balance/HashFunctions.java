package io.ballast.core.balance;

import io.ballast.core.config.HashType;

import java.nio.charset.StandardCharsets;

/**
 * The string hash functions of HAProxy 2.6 ({@code hash-type ... sdbm|djb2|wt6|crc32}) and its avalanche step,
 * with unsigned 32-bit arithmetic carried in Java ints (every operation used here is the same on the bits whether
 * the int is read as signed or unsigned, except right shifts, which are logical).
 */
final class HashFunctions {

    private HashFunctions() {
    }

    /** {@code h = c + (h << 6) + (h << 16) - h} over each byte (HAProxy's default). */
    static int sdbm(byte[] key, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = (key[i] & 0xFF) + (h << 6) + (h << 16) - h;
        }
        return h;
    }

    /** {@code h = h * 33 + c}, starting at 5381. */
    static int djb2(byte[] key, int from, int to) {
        int h = 5381;
        for (int i = from; i < to; i++) {
            h = (h << 5) + h + (key[i] & 0xFF);
        }
        return h;
    }

    /** Willy Tarreau's wt6: two 32-bit states mixed with data-dependent rotations. */
    static int wt6(byte[] key, int from, int to) {
        int h0 = 0xa53c965a;
        int h1 = 0x5ca6953a;
        int step0 = 6;
        int step1 = 18;
        for (int i = from; i < to; i++) {
            int c = key[i] & 0xFF;
            h0 = ~(h0 ^ c);
            h1 = ~(h1 + c);
            int rotated = Integer.rotateLeft(h1, step0);
            h1 = Integer.rotateLeft(h0, step1);
            h0 = rotated;
            int mix = ((h0 >>> 16) ^ h1) & 0xFFFF;
            step0 = mix & 0x1F;
            step1 = mix >>> 11;
        }
        return h0 ^ h1;
    }

    /** The usual reflected CRC-32 (polynomial 0xEDB88320), bit by bit. */
    static int crc32(byte[] key, int from, int to) {
        int h = ~0;
        for (int i = from; i < to; i++) {
            h ^= key[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                h = (h >>> 1) ^ ((h & 1) != 0 ? 0xEDB88320 : 0);
            }
        }
        return ~h;
    }

    /** HAProxy's {@code full_hash}: Bob Jenkins' 32-bit full avalanche integer hash times 3221225473. */
    static int fullHash(int a) {
        a = (a + 0x7ed55d16) + (a << 12);
        a = (a ^ 0xc761c23c) ^ (a >>> 19);
        a = (a + 0x165667b1) + (a << 5);
        a = (a + 0xd3a2646c) ^ (a << 9);
        a = (a + 0xfd7046c5) + (a << 3);
        a = (a ^ 0xb55a4f09) ^ (a >>> 16);
        return a * 0xC0000001; // then times 3221225473, a large prime close to 3/4 of 2^32, as HAProxy does
    }

    /** {@code key[from, to)} hashed with {@code function}. */
    static int hash(HashType.Function function, byte[] key, int from, int to) {
        return switch (function) {
            case SDBM -> sdbm(key, from, to);
            case DJB2 -> djb2(key, from, to);
            case WT6 -> wt6(key, from, to);
            case CRC32 -> crc32(key, from, to);
        };
    }

    /** The whole of {@code key} hashed with {@code function}. */
    static int hash(HashType.Function function, byte[] key) {
        return hash(function, key, 0, key.length);
    }

    /**
     * The bytes a request string stands for: one byte per char when every char is below 256 (requests are
     * decoded as ISO-8859-1), UTF-8 otherwise.
     */
    static byte[] bytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return s.getBytes(StandardCharsets.UTF_8);
            }
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
