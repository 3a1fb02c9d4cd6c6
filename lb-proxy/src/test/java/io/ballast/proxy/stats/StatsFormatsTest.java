package io.ballast.proxy.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The {@code show stat} and {@code show info} formatters against HAProxy 2.6.12's own outputs: rows read back from a
 * reference are written again exactly as HAProxy wrote them (same header, same empty columns per row kind, same
 * trailing commas, same typed lines and JSON objects), HAProxy's per-module counters after {@code -} left aside.
 */
class StatsFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void csvHeaderIsHaproxysUpToTheModuleSeparator() {
        String reference = HaproxyReference.text("show_stat.txt").split("\n")[0];
        assertEquals(reference.substring(0, reference.indexOf(",-,") + 3) + "\n", StatsCsv.headerLine());
    }

    @Test
    void csvRowsKeepHaproxysEmptyColumnsAndTrailingCommas() {
        StringBuilder expected = new StringBuilder();
        for (String line : HaproxyReference.text("show_stat.txt").split("\n")) {
            expected.append(line, 0, line.indexOf(",-,") + 3).append('\n');
        }
        assertEquals(expected.toString(), StatsCsv.format(HaproxyReference.rowsFromCsv()));
    }

    @Test
    void csvQuotesValuesWithCommasQuotesOrLineBreaks() {
        StatsRow row = StatsRow.builder(StatsRow.Kind.SERVER, "be", "s1")
                .set(StatField.LAST_CHK, "a, \"b\"\nc").build();
        String line = StatsCsv.row(row);
        assertEquals("be,s1,", line.substring(0, 6));
        assertEquals(true, line.contains(",\"a, \"\"b\"\" c\","));
    }

    @Test
    void typedOutputIsHaproxys() {
        assertEquals(HaproxyReference.typedWithoutModules(), StatsTyped.stat(HaproxyReference.rowsFromTyped()));
    }

    @Test
    void statJsonIsHaproxys() throws Exception {
        JsonNode reference = JSON.readTree(HaproxyReference.text("show_stat_json.txt"));
        for (JsonNode row : reference) {
            ArrayNode objects = (ArrayNode) row;
            for (int i = objects.size() - 1; i >= 0; i--) {
                if (objects.get(i).get("field").get("pos").asInt() >= HaproxyReference.MODULES) {
                    objects.remove(i);
                }
            }
        }
        String ours = StatsJson.stat(HaproxyReference.rowsFromTyped());
        assertEquals(JSON.writeValueAsString(reference) + "\n", ours);
    }

    @Test
    void infoTextIsHaproxys() {
        assertEquals(HaproxyReference.text("show_info.txt"), InfoText.format(HaproxyReference.info(true)));
    }

    @Test
    void infoTypedIsHaproxysWithItsFieldNumbers() {
        assertEquals(HaproxyReference.text("show_info_typed.txt"), StatsTyped.info(HaproxyReference.info(false)));
    }

    @Test
    void infoJsonIsHaproxys() throws Exception {
        JsonNode reference = JSON.readTree(HaproxyReference.text("show_info_json.txt"));
        List<StatsSource.InfoField> fields = new java.util.ArrayList<>();
        for (JsonNode f : reference) {
            JsonNode v = f.get("value");
            String type = v.get("type").asText();
            String tag = tagLetters(f.get("tags"));
            fields.add(new StatsSource.InfoField(f.get("field").get("name").asText(),
                    type.equals("str") ? v.get("value").asText() : (Object) v.get("value").asLong(), tag, type));
        }
        assertEquals(JSON.writeValueAsString(reference) + "\n", StatsJson.info(fields));
    }

    @Test
    void infoLeavesOutFieldsWithoutValue() {
        List<StatsSource.InfoField> fields = List.of(new StatsSource.InfoField("Name", "Ballast", "POS", "str"),
                new StatsSource.InfoField("description", null, "COS", "str"),
                new StatsSource.InfoField("Stopping", 0L, "MGP", "u32"));
        assertEquals("Name: Ballast\nStopping: 0\n", InfoText.format(fields));
        assertEquals("0.Name.1:POS:str:Ballast\n52.Stopping.1:MGP:u32:0\n", StatsTyped.info(fields));
    }

    /** HAProxy's tag letters for a JSON {@code tags} object. */
    private static String tagLetters(JsonNode tags) {
        String origin = tags.get("origin").asText();
        String nature = tags.get("nature").asText();
        String scope = tags.get("scope").asText();
        char n = switch (nature) {
            case "Avg" -> 'a';
            default -> nature.charAt(0);
        };
        char s = scope.equals("System") ? 's' : scope.charAt(0);
        return "" + origin.charAt(0) + n + s;
    }
}
