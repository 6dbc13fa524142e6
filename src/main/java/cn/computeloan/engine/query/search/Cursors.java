package cn.computeloan.engine.query.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque page cursors: the base64 of the sort values of an item followed by its id, so that the
 * next page starts strictly after that item in the same order even when items were added since.
 */
final class Cursors {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Cursors() {}

  static String encode(List<Object> sortTuple) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(sortTuple));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Sort values are plain JSON values", e);
    }
  }

  static List<Object> decode(String cursor, int expectedSize) {
    try {
      byte[] json = Base64.getUrlDecoder().decode(cursor);
      List<Object> tuple = JSON.readValue(new String(json, StandardCharsets.UTF_8), new TypeReference<>() {});
      if (tuple.size() != expectedSize) {
        throw new InvalidQueryException("The cursor does not belong to this sort order: " + cursor);
      }
      return tuple;
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new InvalidQueryException("Invalid page cursor: " + cursor);
    }
  }
}
