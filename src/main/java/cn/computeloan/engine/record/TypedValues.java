package cn.computeloan.engine.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for the engine's values that keeps their Java types. Plain JSON would turn a {@code Long} 5
 * into an {@code Integer} 5, which is not {@code equals} to it: a restored engine would then see a
 * variable "changed" that did not change, and write a record the original run did not.
 *
 * <p>Strings, booleans, {@code Integer}s, finite {@code Double}s, lists and maps are written as
 * JSON; every other number as a one-field object tagged with its type ({@code {"$L": 5}}). A map
 * with a key starting with {@code $} is wrapped ({@code {"$M": {...}}}) so it is never mistaken for
 * a tag. Lists come back as {@code ArrayList}s and maps as {@code LinkedHashMap}s in the same
 * order; any other object is written as Jackson writes it (as the journal does).
 */
public final class TypedValues {

  private TypedValues() {}

  /** Writes a value with its type tags. */
  public static final class Writer extends JsonSerializer<Object> {
    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      write(value, gen);
    }
  }

  /** Reads what {@link Writer} wrote. */
  public static final class Reader extends JsonDeserializer<Object> {
    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      return read(parser);
    }

    @Override
    public Object getNullValue(DeserializationContext context) {
      return null;
    }
  }

  static void write(Object value, JsonGenerator gen) throws IOException {
    if (value == null) {
      gen.writeNull();
    } else if (value instanceof String s) {
      gen.writeString(s);
    } else if (value instanceof Boolean b) {
      gen.writeBoolean(b);
    } else if (value instanceof Integer i) {
      gen.writeNumber(i);
    } else if (value instanceof Double d && Double.isFinite(d)) {
      gen.writeNumber(d);
    } else if (value instanceof Number n) {
      writeTaggedNumber(n, gen);
    } else if (value instanceof Map<?, ?> map) {
      boolean escape = map.keySet().stream().anyMatch(k -> String.valueOf(k).startsWith("$"));
      gen.writeStartObject();
      if (escape) {
        gen.writeFieldName("$M");
        gen.writeStartObject();
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        gen.writeFieldName(String.valueOf(entry.getKey()));
        write(entry.getValue(), gen);
      }
      if (escape) {
        gen.writeEndObject();
      }
      gen.writeEndObject();
    } else if (value instanceof Collection<?> collection) {
      gen.writeStartArray();
      for (Object item : collection) {
        write(item, gen);
      }
      gen.writeEndArray();
    } else {
      gen.writeObject(value);
    }
  }

  private static void writeTaggedNumber(Number n, JsonGenerator gen) throws IOException {
    gen.writeStartObject();
    if (n instanceof Long l) {
      gen.writeNumberField("$L", l);
    } else if (n instanceof BigDecimal d) {
      gen.writeStringField("$D", d.toString());
    } else if (n instanceof BigInteger i) {
      gen.writeStringField("$I", i.toString());
    } else if (n instanceof Float f) {
      gen.writeStringField("$F", f.toString());
    } else if (n instanceof Short s) {
      gen.writeNumberField("$S", s);
    } else if (n instanceof Byte b) {
      gen.writeNumberField("$B", b);
    } else {
      gen.writeStringField("$d", n.toString()); // a non-finite Double (or another Number, kept as a double)
    }
    gen.writeEndObject();
  }

  static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return parser.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        return parser.getNumberValue();
      case VALUE_NUMBER_FLOAT:
        return parser.getDoubleValue();
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(parser));
        }
        return list;
      }
      case START_OBJECT:
        return readObject(parser, false);
      default:
        throw new IOException("Unexpected " + token + " in a snapshot value");
    }
  }

  /** Reads an object; unless {@code plain} (inside {@code $M}), a first field named {@code $...} is a tag. */
  private static Object readObject(JsonParser parser, boolean plain) throws IOException {
    Map<String, Object> map = new LinkedHashMap<>();
    boolean first = true;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (first && !plain && name.startsWith("$")) {
        Object value = tagged(name, parser);
        if (parser.nextToken() != JsonToken.END_OBJECT) {
          throw new IOException("A tagged snapshot value has more than one field");
        }
        return value;
      }
      first = false;
      map.put(name, read(parser));
    }
    return map;
  }

  private static Object tagged(String tag, JsonParser parser) throws IOException {
    return switch (tag) {
      case "$L" -> parser.getLongValue();
      case "$D" -> new BigDecimal(parser.getText());
      case "$I" -> new BigInteger(parser.getText());
      case "$F" -> Float.valueOf(parser.getText());
      case "$S" -> parser.getShortValue();
      case "$B" -> parser.getByteValue();
      case "$d" -> Double.valueOf(parser.getText());
      case "$M" -> readObject(parser, true);
      default -> throw new IOException("Unknown snapshot value tag " + tag);
    };
  }
}
