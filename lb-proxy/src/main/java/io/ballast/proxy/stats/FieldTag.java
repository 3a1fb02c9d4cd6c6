package io.ballast.proxy.stats;

/**
 * HAProxy's tag letters (origin, nature, scope, as in {@code MGP}) spelled out as its JSON outputs write them
 * ({@code Metric}, {@code Gauge}, {@code Process}).
 */
final class FieldTag {

    private FieldTag() {
    }

    /** The origin word for the tag's first letter. */
    static String origin(String tag) {
        return switch (tag.charAt(0)) {
            case 'M' -> "Metric";
            case 'S' -> "Status";
            case 'K' -> "Key";
            case 'C' -> "Config";
            case 'P' -> "Product";
            default -> "Unknown";
        };
    }

    /** The nature word for the tag's second letter. */
    static String nature(String tag) {
        return switch (tag.charAt(1)) {
            case 'A' -> "Age";
            case 'a' -> "Avg";
            case 'C' -> "Counter";
            case 'D' -> "Duration";
            case 'G' -> "Gauge";
            case 'L' -> "Limit";
            case 'M' -> "Max";
            case 'N' -> "Name";
            case 'O' -> "Output";
            case 'R' -> "Rate";
            default -> "Unknown";
        };
    }

    /** The scope word for the tag's third letter. */
    static String scope(String tag) {
        return switch (tag.charAt(2)) {
            case 'C' -> "Cluster";
            case 'P' -> "Process";
            case 'S' -> "Service";
            case 's' -> "System";
            default -> "Unknown";
        };
    }
}
