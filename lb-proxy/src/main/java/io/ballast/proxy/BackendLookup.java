package io.ballast.proxy;

/**
 * Finds runtime backends by name, for {@code use_backend} and for fetches that name a backend
 * ({@code nbsrv(be)}). The running {@link Engine} is one; {@link Explainer} has its own, over backends that serve
 * no traffic.
 */
interface BackendLookup {

    /** The backend called {@code name}, or {@code null}. */
    BackendRuntime backend(String name);
}
