package cn.computeloan.engine.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * What one search may ask of the read model, so that no signed-in caller can make a search
 * expensive: a page holds at most {@link #MAX_PAGE_LIMIT} items (Camunda's API allows up to 10,000;
 * the clients and Camunda Process Test ask for 100), and a {@code $like} pattern has at most {@link
 * #MAX_LIKE_LENGTH} characters of which at most {@link #MAX_LIKE_WILDCARDS} are wildcards. A search
 * beyond them is refused with a 400 that names the field, before any work.
 */
public final class SearchLimits {

  public static final int MAX_PAGE_LIMIT = 1000;
  public static final int MAX_LIKE_LENGTH = 256;
  public static final int MAX_LIKE_WILDCARDS = 16;

  private SearchLimits() {}

  /** Checks every {@code $like} in the filter, wherever it is nested; {@code path} names the filter. */
  public static void checkFilter(JsonNode filter, String path) {
    if (filter == null) {
      return;
    }
    if (filter.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = filter.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String fieldPath = path + "." + field.getKey();
        if ("$like".equals(field.getKey())) {
          checkLike(field.getValue(), fieldPath);
        } else {
          checkFilter(field.getValue(), fieldPath);
        }
      }
    } else if (filter.isArray()) {
      for (int i = 0; i < filter.size(); i++) {
        checkFilter(filter.get(i), path + "[" + i + "]");
      }
    }
  }

  private static void checkLike(JsonNode operand, String path) {
    if (operand == null || operand.isNull()) {
      return; // an unset operator, as the client sends it
    }
    if (!operand.isValueNode()) {
      throw new InvalidQueryException(path + ": must be a text pattern");
    }
    String pattern = operand.asText();
    int length = pattern.codePointCount(0, pattern.length());
    if (length > MAX_LIKE_LENGTH) {
      throw new InvalidQueryException(path + ": the pattern has " + length + " characters; at most "
          + MAX_LIKE_LENGTH + " are allowed");
    }
    int wildcards = wildcards(pattern);
    if (wildcards > MAX_LIKE_WILDCARDS) {
      throw new InvalidQueryException(path + ": the pattern has " + wildcards + " wildcards (* or ?); at most "
          + MAX_LIKE_WILDCARDS + " are allowed");
    }
  }

  /** Unescaped {@code *} and {@code ?}. */
  static int wildcards(String pattern) {
    int count = 0;
    boolean escaped = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '*' || c == '?') {
        count++;
      }
    }
    return count;
  }

  /** Checks a page request's numbers; {@code path} names the page object. */
  public static void checkPage(int from, int limit, String path) {
    if (limit < 0 || limit > MAX_PAGE_LIMIT) {
      throw new InvalidQueryException(path + ".limit: must be between 0 and " + MAX_PAGE_LIMIT + ", was " + limit);
    }
    if (from < 0) {
      throw new InvalidQueryException(path + ".from: must not be negative, was " + from);
    }
  }
}
