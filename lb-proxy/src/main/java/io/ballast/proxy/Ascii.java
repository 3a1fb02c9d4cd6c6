package io.ballast.proxy;

/** ASCII helpers for header bytes: no locale, no allocation. */
final class Ascii {

    private Ascii() {
    }

    static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    static int lower(char c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
