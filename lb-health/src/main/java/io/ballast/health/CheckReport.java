package io.ballast.health;

/**
 * What a server's health checks show at one moment, as the stats columns {@code check_status}, {@code check_code},
 * {@code check_duration}, {@code check_desc}, {@code chkfail}, {@code last_chk}, {@code check_rise},
 * {@code check_fall} and {@code check_health} need them.
 *
 * @param status         the last check's status as HAProxy names it ({@code L7OK}, {@code L4CON}…), {@code INI}
 *                       before the first check completes
 * @param code           the last check's HTTP status, or 0 when its status has none
 * @param durationMs     how long the last check took in milliseconds, or -1
 * @param description    HAProxy's words for the status ({@code Layer7 check passed})
 * @param info           the detail of the last check ({@code Connection refused}), or {@code null}
 * @param inProgress     whether a check is running now (HAProxy prefixes the status with {@code "* "})
 * @param failedChecks   checks that failed since start ({@code chkfail})
 * @param rise           the {@code rise} setting
 * @param fall           the {@code fall} setting
 * @param health         the rise/fall counter: 0..rise-1 while down, rise..rise+fall-1 while up
 * @param enabled        whether checks run ({@code disable health} stops them)
 */
public record CheckReport(String status, int code, long durationMs, String description, String info,
                          boolean inProgress, long failedChecks, int rise, int fall, int health, boolean enabled) {
}
