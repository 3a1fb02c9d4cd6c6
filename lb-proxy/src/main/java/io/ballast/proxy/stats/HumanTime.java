package io.ballast.proxy.stats;

/** Durations as HAProxy's {@code human_time} writes them on the stats page and in {@code show sess}. */
public final class HumanTime {

    private HumanTime() {
    }

    /**
     * {@code seconds} in at most its two largest units among days, hours, minutes and seconds ({@code 3d4h},
     * {@code 2m15s}, {@code 0s}); {@code ?} for a negative value.
     */
    public static String of(long seconds) {
        if (seconds < 0) {
            return "?";
        }
        StringBuilder out = new StringBuilder();
        int units = 2;
        if (seconds >= 86_400) {
            out.append(seconds / 86_400).append('d');
            units--;
        }
        if (units > 0 && seconds % 86_400 / 3_600 != 0) {
            out.append(seconds % 86_400 / 3_600).append('h');
            units--;
        }
        if (units > 0 && seconds % 3_600 / 60 != 0) {
            out.append(seconds % 3_600 / 60).append('m');
            units--;
        }
        if ((units > 0 && seconds % 60 != 0) || seconds == 0) {
            out.append(seconds % 60).append('s');
        }
        return out.toString();
    }
}
