package io.ballast.core.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole, validated configuration: one immutable snapshot. Every {@code default_backend} names a backend
 * that exists. A {@code listen} section appears once among the frontends and once among the backends.
 *
 * @param global    the {@code global} section
 * @param frontends the frontends in file order
 * @param backends  the backends in file order
 */
public record BallastConfig(GlobalConfig global, List<FrontendConfig> frontends, List<BackendConfig> backends) {

    /** Copies the lists. */
    public BallastConfig {
        frontends = List.copyOf(frontends);
        backends = List.copyOf(backends);
    }

    /** The backend called {@code name}, if any. */
    public Optional<BackendConfig> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
