package io.ballast.core.balance;

import io.ballast.core.config.BalanceSpec;
import io.ballast.core.request.RequestView;

import java.util.function.Function;

/**
 * Hash-based balancing over a key that a plug-in extracts from the request, for providers outside lb-core (such as
 * lb-acl's {@code balance hash <expr>}). The key is hashed exactly as the built-in {@code source}, {@code uri},
 * {@code url_param} and {@code hdr} algorithms hash theirs: with the backend's {@code hash-type} function, the
 * avalanche step when configured, then a lookup in HAProxy's map ({@code map-based}) or ring ({@code consistent},
 * with {@code hash-balance-factor}). A request without a key goes round robin over the same map or ring.
 *
 * <pre>{@code
 * BalanceAlgorithm a = KeyedHash.of(spec, request -> KeyedHash.bytes(request.header("x-tenant")));
 * }</pre>
 */
public final class KeyedHash {

    private KeyedHash() {
    }

    /**
     * @param spec the {@code balance} line with the backend's {@code hash-type} and {@code hash-balance-factor}
     * @param key  the bytes to hash for a request, or {@code null} when it has no key (then round robin); called
     *             from several threads at once, must not block
     * @return the algorithm
     */
    public static BalanceAlgorithm of(BalanceSpec spec, Function<RequestView, byte[]> key) {
        return new Algorithm(spec, key);
    }

    /**
     * The bytes a request string stands for, as the built-in algorithms hash them: one byte per char when every
     * char is below 256 (requests are decoded as ISO-8859-1), UTF-8 otherwise.
     *
     * @param s a string read from a request, or {@code null}
     * @return its bytes, or {@code null} for {@code null}
     */
    public static byte[] bytes(String s) {
        return s == null ? null : HashFunctions.bytes(s);
    }

    /** The algorithm whose key hash is the configured hash of the key function's bytes. */
    private static final class Algorithm extends HashAlgorithm {

        private final Function<RequestView, byte[]> key;

        Algorithm(BalanceSpec spec, Function<RequestView, byte[]> key) {
            super(spec);
            this.key = key;
        }

        @Override
        long keyHash(RequestView request) {
            byte[] k = key.apply(request);
            return k == null ? NO_KEY : hash(k, 0, k.length);
        }
    }
}
