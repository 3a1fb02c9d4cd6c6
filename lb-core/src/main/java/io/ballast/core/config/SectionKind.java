package io.ballast.core.config;

/** The proxy section kinds and their capabilities, as HAProxy defines them. */
enum SectionKind {
    DEFAULTS("defaults", true, true),
    FRONTEND("frontend", true, false),
    BACKEND("backend", false, true),
    LISTEN("listen", true, true);

    final String keyword;
    final boolean frontendCapable;
    final boolean backendCapable;

    SectionKind(String keyword, boolean frontendCapable, boolean backendCapable) {
        this.keyword = keyword;
        this.frontendCapable = frontendCapable;
        this.backendCapable = backendCapable;
    }

    /** HAProxy's name for a proxy of this kind in messages ("missing timeouts for proxy 'x'"). */
    String proxyWord() {
        return this == LISTEN ? "proxy" : keyword;
    }
}
