package io.ballast.proxy.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON forms of {@code show stat} and {@code show info} (also the stats page's {@code ;json}), in HAProxy 2.6's
 * schema: {@code show stat json} is an array with one array per row, holding one object per non-empty value
 * ({@code objType}, {@code proxyId}, {@code id}, {@code field}, {@code processNum}, {@code tags}, {@code value});
 * {@code show info json} is one array of such objects without the object keys. Both end with {@code \n}.
 */
public final class StatsJson {

    private static final JsonFactory JSON = new JsonFactory();

    private StatsJson() {
    }

    /** {@code show stat json}. */
    public static String stat(List<StatsRow> rows) {
        StringWriter out = new StringWriter(rows.size() * 16384);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (StatsRow row : rows) {
                g.writeStartArray();
                String type = objectType(row.kind());
                long proxyId = row.number(StatField.IID, 0);
                long id = row.number(StatField.SID, 0);
                for (StatField f : StatField.values()) {
                    Object v = row.value(f);
                    if (v != null) {
                        g.writeStartObject();
                        g.writeStringField("objType", type);
                        g.writeNumberField("proxyId", proxyId);
                        g.writeNumberField("id", id);
                        field(g, f.ordinal(), f.csvName(), f.tag(row.kind()), f.valueType(), v);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /** {@code show info json}. */
    public static String info(List<StatsSource.InfoField> fields) {
        StringWriter out = new StringWriter(fields.size() * 160);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (int i = 0; i < fields.size(); i++) {
                StatsSource.InfoField f = fields.get(i);
                if (f.value() != null) {
                    g.writeStartObject();
                    field(g, InfoPositions.of(f.name(), i), f.name(), f.tag(), f.valueType(), f.value());
                }
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /** The members every object has, from {@code field} on, and the object's end. */
    private static void field(JsonGenerator g, int pos, String name, String tag, String type, Object v)
            throws IOException {
        g.writeObjectFieldStart("field");
        g.writeNumberField("pos", pos);
        g.writeStringField("name", name);
        g.writeEndObject();
        g.writeNumberField("processNum", 1);
        g.writeObjectFieldStart("tags");
        g.writeStringField("origin", FieldTag.origin(tag));
        g.writeStringField("nature", FieldTag.nature(tag));
        g.writeStringField("scope", FieldTag.scope(tag));
        g.writeEndObject();
        g.writeObjectFieldStart("value");
        g.writeStringField("type", type);
        if (v instanceof Long n && !type.equals("str")) {
            g.writeNumberField("value", n);
        } else {
            g.writeStringField("value", String.valueOf(v));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static String objectType(StatsRow.Kind kind) {
        return switch (kind) {
            case FRONTEND -> "Frontend";
            case BACKEND -> "Backend";
            case SERVER -> "Server";
        };
    }
}
