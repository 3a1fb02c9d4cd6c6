package io.ballast.proxy.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outputs of HAProxy 2.6.12 kept in {@code src/test/resources/haproxy-2.6.12}, and rows read back from them. */
final class HaproxyReference {

    /** The position of HAProxy's {@code -} column: per-module counters follow it. */
    static final int MODULES = StatField.values().length;

    private HaproxyReference() {
    }

    /** A reference file's text, without the runtime API's final empty line. */
    static String text(String name) {
        try (InputStream in = HaproxyReference.class.getResourceAsStream("/haproxy-2.6.12/" + name)) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.endsWith("\n\n") ? s.substring(0, s.length() - 1) : s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The typed lines of {@code show stat typed} for the fixed columns only (before HAProxy's module counters). */
    static String typedWithoutModules() {
        StringBuilder out = new StringBuilder();
        for (String line : text("show_stat_typed.txt").split("\n")) {
            if (Integer.parseInt(line.split("\\.")[3]) < MODULES) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** The rows that {@code show stat typed} describes, with their values typed as HAProxy typed them. */
    static List<StatsRow> rowsFromTyped() {
        Map<String, Map<Integer, Object>> objects = new LinkedHashMap<>();
        for (String line : typedWithoutModules().split("\n")) {
            int colon = line.indexOf(':');
            String[] key = line.substring(0, colon).split("\\.");
            String[] rest = line.substring(colon + 1).split(":", 3);
            Object value = rest[1].equals("str") ? rest[2] : (Object) Long.parseLong(rest[2]);
            objects.computeIfAbsent(key[0] + "." + key[1] + "." + key[2], k -> new LinkedHashMap<>())
                    .put(Integer.parseInt(key[3]), value);
        }
        List<StatsRow> rows = new ArrayList<>();
        objects.forEach((key, values) -> rows.add(row(kind(key.charAt(0)), values)));
        return rows;
    }

    /** The rows of {@code show stat} (CSV), values typed by their column. */
    static List<StatsRow> rowsFromCsv() {
        String[] lines = text("show_stat.txt").split("\n");
        List<StatsRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            Map<Integer, Object> values = new LinkedHashMap<>();
            for (StatField f : StatField.values()) {
                String cell = cells[f.ordinal()];
                if (!cell.isEmpty()) {
                    values.put(f.ordinal(), f.valueType().equals("str") ? cell : (Object) Long.parseLong(cell));
                }
            }
            rows.add(row(kind(cells[1]), values));
        }
        return rows;
    }

    private static StatsRow.Kind kind(char letter) {
        return switch (letter) {
            case 'F' -> StatsRow.Kind.FRONTEND;
            case 'B' -> StatsRow.Kind.BACKEND;
            default -> StatsRow.Kind.SERVER;
        };
    }

    private static StatsRow.Kind kind(String svname) {
        return switch (svname) {
            case "FRONTEND" -> StatsRow.Kind.FRONTEND;
            case "BACKEND" -> StatsRow.Kind.BACKEND;
            default -> StatsRow.Kind.SERVER;
        };
    }

    private static StatsRow row(StatsRow.Kind kind, Map<Integer, Object> values) {
        StatsRow.Builder b = StatsRow.builder(kind, (String) values.get(0), (String) values.get(1));
        values.forEach((pos, v) -> {
            StatField f = StatField.values()[pos];
            if (v instanceof Long n) {
                b.set(f, n);
            } else {
                b.set(f, (String) v);
            }
        });
        return b.build();
    }

    /** The fields of {@code show info typed}, with the values of {@code show info} when {@code textValues}. */
    static List<StatsSource.InfoField> info(boolean textValues) {
        Map<String, String> text = new LinkedHashMap<>();
        for (String line : text("show_info.txt").split("\n")) {
            int colon = line.indexOf(": ");
            text.put(line.substring(0, colon), line.substring(colon + 2));
        }
        List<StatsSource.InfoField> fields = new ArrayList<>();
        for (String line : text("show_info_typed.txt").split("\n")) {
            int colon = line.indexOf(':');
            String key = line.substring(0, colon);
            String name = key.substring(key.indexOf('.') + 1, key.lastIndexOf('.'));
            String[] rest = line.substring(colon + 1).split(":", 3);
            String raw = textValues ? text.get(name) : rest[2];
            fields.add(new StatsSource.InfoField(name, rest[1].equals("str") ? raw : (Object) Long.parseLong(raw),
                    rest[0], rest[1]));
        }
        return fields;
    }
}
