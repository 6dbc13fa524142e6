package cn.computeloan.engine.query;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Conversions to the REST API's representation: keys as strings, dates as ISO-8601 strings. */
final class Keys {

  /** Fixed width (always milliseconds, always 'Z') so that dates also sort as text. */
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private Keys() {}

  /** A key as the API shows it; the engine's -1 ("none") is left out. */
  static String key(long key) {
    return key < 0 ? null : Long.toString(key);
  }

  static String date(long epochMillis) {
    return epochMillis < 0 ? null : ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
