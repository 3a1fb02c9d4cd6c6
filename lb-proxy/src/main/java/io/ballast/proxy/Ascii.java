package io.ballast.proxy;

/** ASCII helpers for header bytes: no locale, no allocation. */
final class Ascii {

    private Ascii() {
    }

    static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
