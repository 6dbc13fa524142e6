package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.EngineException;
import java.util.Map;
import java.util.Optional;

/** Keys in paths and the 404 of a get that finds nothing. */
final class PathKeys {

  private PathKeys() {}

  static long parse(String key, String what) {
    return JsonBodies.parseKey(key, what);
  }

  static <T> T found(Optional<T> entity, String what, String key) {
    return entity.orElseThrow(() -> new EngineException(
        EngineException.Reason.NOT_FOUND,
        "%s with key '%s' not found".formatted(what, key)));
  }

  static Map<String, Object> found(Optional<Map<String, Object>> entity, String what, long key) {
    return found(entity, what, Long.toString(key));
  }
}
