package io.ballast.acl.internal.pattern;

import io.ballast.acl.internal.sample.Sample;

/** HAProxy's match methods ({@code -m}), with the sample type each one reads. */
public enum MatchMethod {
    FOUND("found", Sample.ANY),
    BOOL("bool", Sample.BOOL),
    INT("int", Sample.SINT),
    IP("ip", Sample.IPV4),
    BIN("bin", Sample.STR),
    LEN("len", Sample.STR),
    STR("str", Sample.STR),
    BEG("beg", Sample.STR),
    SUB("sub", Sample.STR),
    DIR("dir", Sample.STR),
    DOM("dom", Sample.STR),
    END("end", Sample.STR),
    REG("reg", Sample.STR),
    /** The {@code method} keyword's own matcher (known methods compare exactly, even with {@code -i}). */
    METH("str", Sample.STR);

    private final String keyword;
    private final byte input;

    MatchMethod(String keyword, byte input) {
        this.keyword = keyword;
        this.input = input;
    }

    /** The word after {@code -m}. */
    public String keyword() {
        return keyword;
    }

    /** The sample type this method reads ({@code IPV4} standing for "an address"). */
    public byte input() {
        return input;
    }

    /** The method called {@code word} after {@code -m}, or {@code null}. */
    public static MatchMethod byKeyword(String word) {
        for (MatchMethod m : values()) {
            if (m != METH && m.keyword.equals(word)) {
                return m;
            }
        }
        return null;
    }

    /** Whether its patterns are parsed as integers (with the {@code eq ge gt le lt} operators). */
    public boolean integerPatterns() {
        return this == INT || this == LEN;
    }

    /** The default method for a fetch of sample type {@code type}, or {@code null} when {@code -m} is required. */
    public static MatchMethod defaultFor(byte type) {
        switch (type) {
            case Sample.BOOL: return BOOL;
            case Sample.SINT: return INT;
            case Sample.IPV4:
            case Sample.IPV6: return IP;
            case Sample.STR: return STR;
            default: return null;
        }
    }
}
