package cn.computeloan.process.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/** Process variables built from key/value pairs; unlike {@code Map.of}, null values are kept. */
final class Variables {

  private Variables() {}

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
