/**
 * Health checks as HAProxy runs them: layer-4 connects, HTTP checks ({@code option httpchk}, {@code http-check}),
 * TCP dialogues ({@code option tcp-check}, {@code tcp-check}, {@code option redis-check}), agents, passive
 * observation of real traffic, the rise/fall state machine, the UP / DOWN / NOLB / DRAIN / MAINT states and HAProxy's
 * state-change log lines. The entry points are {@link io.ballast.health.HealthChecks} and
 * {@link io.ballast.health.ObservedOutcome}; everything else is internal.
 */
package io.ballast.health;
