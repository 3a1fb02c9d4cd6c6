/**
 * Active health checks: HAProxy's layer-4 connect check, its rise/fall state machine and its state-change
 * log lines. The entry point is {@link io.ballast.health.HealthChecks}; everything else is internal.
 */
package io.ballast.health;
