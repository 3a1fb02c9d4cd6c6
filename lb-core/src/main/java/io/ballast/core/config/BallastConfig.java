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
 * @param userlists the {@code userlist} sections in file order
 */
public record BallastConfig(GlobalConfig global, List<FrontendConfig> frontends, List<BackendConfig> backends,
                            List<UserlistConfig> userlists) {

    /** This configuration with another {@code global} section. */
    public BallastConfig withGlobal(GlobalConfig newGlobal) {
        return new BallastConfig(newGlobal, frontends, backends, userlists);
    }

    /** Copies the lists. */
    public BallastConfig {
        frontends = List.copyOf(frontends);
        backends = List.copyOf(backends);
        userlists = List.copyOf(userlists);
    }

    /** The {@code userlist} called {@code name}, if any. */
    public Optional<UserlistConfig> userlist(String name) {
        return userlists.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** The backend called {@code name}, if any. */
    public Optional<BackendConfig> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
