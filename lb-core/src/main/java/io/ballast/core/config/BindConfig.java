package io.ballast.core.config;

/**
 * One listening address of a {@code bind} line ({@code bind :80,:8080} gives two).
 *
 * @param endpoint where to listen
 * @param name     the {@code name} option, or {@code null}
 * @param location where the line was written
 */
public record BindConfig(Endpoint endpoint, String name, SourceLocation location) {
}
