package io.ballast.launcher;

/** Placeholder replaced by the launcher implementation. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
    }
}
