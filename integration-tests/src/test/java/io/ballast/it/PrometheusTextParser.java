package io.ballast.it;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads Prometheus' text exposition format (version 0.0.4) strictly, as a scraper would: {@code # HELP} and
 * {@code # TYPE} lines at most once per family and before its samples, a family's samples in one group, valid metric
 * and label names, quoted label values with their escapes, float values, no series twice. Anything else throws.
 */
final class PrometheusTextParser {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** A sample: its labels in order and its value. */
    record Sample(Map<String, String> labels, double value) {
    }

    /** A metric family: its type, help text and samples in order. */
    record Family(String name, String type, String help, List<Sample> samples) {

        /** The value of the sample with exactly {@code labels}. */
        double value(Map<String, String> labels) {
            return samples.stream().filter(s -> s.labels().equals(labels)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " has no sample " + labels + ": " + samples))
                    .value();
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Set<String> series = new HashSet<>();
    private String current;

    private PrometheusTextParser() {
    }

    /** The families of {@code text}, in order. */
    static Map<String, Family> parse(String text) {
        PrometheusTextParser p = new PrometheusTextParser();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line does not end with \\n");
        }
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            try {
                p.line(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage() + ": " + line, e);
            }
        }
        return p.families;
    }

    private void line(String line) {
        if (line.isBlank()) {
            return;
        }
        if (line.startsWith("#")) {
            String[] w = line.split(" ", 4);
            if (w.length >= 3 && (w[1].equals("HELP") || w[1].equals("TYPE"))) {
                header(w[1], w[2], w.length == 4 ? w[3] : "");
            }
            return;
        }
        sample(line);
    }

    private void header(String kind, String name, String text) {
        require(METRIC_NAME.matcher(name).matches(), "bad metric name '" + name + "'");
        Family f = families.get(name);
        require(f == null || f.samples().isEmpty(), kind + " after the samples of " + name);
        if (kind.equals("TYPE")) {
            require(TYPES.contains(text), "unknown type '" + text + "'");
            require(f == null || f.type() == null, "second TYPE for " + name);
            families.put(name, new Family(name, text, f == null ? null : f.help(), new ArrayList<>()));
        } else {
            require(f == null || f.help() == null, "second HELP for " + name);
            families.put(name, new Family(name, f == null ? null : f.type(), unescape(text),
                    new ArrayList<>()));
        }
        current = null;
    }

    private void sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        require(METRIC_NAME.matcher(name).matches(), "bad metric name '" + name + "'");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        require(i < line.length() && line.charAt(i) == ' ', "no value");
        String[] rest = line.substring(i + 1).trim().split(" +");
        require(rest.length <= 2, "unexpected text after the value");
        double value = number(rest[0]);
        if (rest.length == 2) {
            Long.parseLong(rest[1]);
        }
        Family f = families.computeIfAbsent(name, n -> new Family(n, "untyped", null, new ArrayList<>()));
        require(name.equals(current) || f.samples().isEmpty(), "samples of " + name + " are not in one group");
        require(series.add(name + labels), "series " + name + labels + " given twice");
        f.samples().add(new Sample(labels, value));
        current = name;
    }

    /** Reads {@code name="value",...}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            require(i < line.length(), "unterminated labels");
            if (line.charAt(i) == '}') {
                return i + 1;
            }
            int eq = line.indexOf('=', i);
            require(eq > 0, "label without '='");
            String name = line.substring(i, eq);
            require(LABEL_NAME.matcher(name).matches(), "bad label name '" + name + "'");
            require(eq + 1 < line.length() && line.charAt(eq + 1) == '"', "unquoted label value");
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (true) {
                require(j < line.length(), "unterminated label value");
                char c = line.charAt(j);
                if (c == '"') {
                    break;
                }
                if (c == '\\') {
                    require(j + 1 < line.length(), "dangling escape");
                    char e = line.charAt(++j);
                    require(e == '\\' || e == '"' || e == 'n', "bad escape \\" + e);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(c);
                }
                j++;
            }
            require(labels.put(name, value.toString()) == null, "label " + name + " twice");
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
    }

    private static double number(String s) {
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** A help text's escapes: {@code \\} and {@code \n}. */
    private static String unescape(String text) {
        return text.replace("\\n", "\n").replace("\\\\", "\\");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
