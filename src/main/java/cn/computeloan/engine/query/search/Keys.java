package cn.computeloan.engine.query.search;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Conversions to the REST API's representation: keys as strings, dates as ISO-8601 strings. */
public final class Keys {

  /** Fixed width (always milliseconds, always 'Z') so that dates also sort as text. */
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  private Keys() {}

  /** A key as the API shows it; the engine's -1 ("none") is left out. */
  public static String key(long key) {
    return key < 0 ? null : Long.toString(key);
  }

  public static String date(long epochMillis) {
    return epochMillis < 0 ? null : ISO.format(Instant.ofEpochMilli(epochMillis));
  }

  public static String blankToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  /** {@code root} and every key reachable from it through {@code children} (a call tree). */
  public static Set<Long> tree(long root, Map<Long, ? extends Collection<Long>> children) {
    Set<Long> tree = new LinkedHashSet<>();
    List<Long> pending = new ArrayList<>(List.of(root));
    while (!pending.isEmpty()) {
      long key = pending.remove(pending.size() - 1);
      Collection<Long> called = children.get(key);
      if (tree.add(key) && called != null) {
        pending.addAll(called);
      }
    }
    return tree;
  }
}
