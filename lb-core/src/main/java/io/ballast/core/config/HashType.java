package io.ballast.core.config;

import java.util.Locale;
import java.util.Objects;

/**
 * A {@code hash-type <method> [<function> [avalanche]]} line: how the hash-based algorithms ({@code source},
 * {@code uri}, {@code url_param}, {@code hdr}) turn a key into a server.
 *
 * @param method    {@code map-based} (HAProxy's default) or {@code consistent}
 * @param function  the hash function applied to string keys
 * @param avalanche whether the hash is passed through a full avalanche function before the lookup
 */
public record HashType(Method method, Function function, boolean avalanche) {

    /** HAProxy's default: {@code hash-type map-based sdbm}, no avalanche. */
    public static final HashType DEFAULT = new HashType(Method.MAP_BASED, Function.SDBM, false);

    /** Checks that no component is null. */
    public HashType {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(function, "function");
    }

    /** The lookup method. */
    public enum Method {
        /** A static table indexed by {@code hash % total weight}. */
        MAP_BASED,
        /** A ring of weight-proportional points per server: a change moves only the changed server's keys. */
        CONSISTENT;

        /** The configuration keyword. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The hash functions of HAProxy's {@code hash.c}. */
    public enum Function {
        SDBM, DJB2, WT6, CRC32;

        /** The configuration keyword. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
