package cn.computeloan.engine.snapshot;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A snapshot's content: gzip-compressed JSON {@code {"format", "position", "engine": {...},
 * "parts": {"<participant>": {...}}}}, written and read as a stream.
 */
public final class SnapshotCodec {

  /** Bumped when the content changes incompatibly; a snapshot of another format is not restored. */
  public static final int FORMAT = 1;

  static final ObjectMapper JSON = new ObjectMapper();

  /** What a snapshot holds: the engine's state after journal entry {@code position} and the participants' states. */
  public record Content(long position, EngineStateData engine, Map<String, Object> parts) {}

  private SnapshotCodec() {}

  public static void write(Content content, OutputStream out) throws IOException {
    GZIPOutputStream zip = new GZIPOutputStream(out, 1 << 16);
    try (JsonGenerator gen = JSON.getFactory().createGenerator(zip)) {
      gen.writeStartObject();
      gen.writeNumberField("format", FORMAT);
      gen.writeNumberField("position", content.position());
      gen.writeFieldName("engine");
      JSON.writeValue(gen, content.engine());
      gen.writeObjectFieldStart("parts");
      for (Map.Entry<String, Object> part : content.parts().entrySet()) {
        gen.writeFieldName(part.getKey());
        JSON.writeValue(gen, part.getValue());
      }
      gen.writeEndObject();
      gen.writeEndObject();
    }
  }

  /**
   * Reads a snapshot; parts are read as the type their participant names, parts without a
   * participant are skipped.
   */
  public static Content read(InputStream in, Map<String, Class<?>> partTypes) throws IOException {
    long position = -1;
    EngineStateData engine = null;
    Map<String, Object> parts = new LinkedHashMap<>();
    try (JsonParser parser = JSON.getFactory().createParser(new GZIPInputStream(in, 1 << 16))) {
      expect(parser.nextToken(), JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        switch (field) {
          case "format" -> {
            if (parser.getIntValue() != FORMAT) {
              throw new IOException("snapshot format " + parser.getIntValue() + ", expected " + FORMAT);
            }
          }
          case "position" -> position = parser.getLongValue();
          case "engine" -> engine = JSON.readValue(parser, EngineStateData.class);
          case "parts" -> {
            expect(parser.currentToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String name = parser.currentName();
              parser.nextToken();
              Class<?> type = partTypes.get(name);
              if (type == null) {
                parser.skipChildren();
              } else {
                parts.put(name, JSON.readValue(parser, type));
              }
            }
          }
          default -> parser.skipChildren();
        }
      }
    }
    if (engine == null || position < 0) {
      throw new IOException("the snapshot has no engine state or position");
    }
    return new Content(position, engine, parts);
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " but found " + actual);
    }
  }
}
