package cn.computeloan.engine.query.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The documents of one entity kind and the search over them: filter, sort, page. Not thread-safe
 * by itself: the {@link ReadModel}'s lock guards every index.
 */
public final class DocumentIndex {

  private final Map<String, Document> documents = new LinkedHashMap<>();
  private final Map<String, CustomFilter> customFilters = new HashMap<>();
  private final Map<Set<String>, CustomFilter> jointFilters = new HashMap<>();

  /** Registers a filter property that needs more than a field comparison. */
  public DocumentIndex withFilter(String property, CustomFilter filter) {
    customFilters.put(property, filter);
    return this;
  }

  /**
   * Registers filter properties that must hold for one and the same related entity; the filter
   * receives the whole filter object once when any of the properties is given.
   */
  public DocumentIndex withJointFilter(Set<String> properties, CustomFilter filter) {
    jointFilters.put(properties, filter);
    return this;
  }

  public Optional<Document> find(String id) {
    return Optional.ofNullable(documents.get(id));
  }

  public Optional<Document> find(long key) {
    return find(Long.toString(key));
  }

  /** The document with this id, created empty if absent. */
  public Document upsert(String id) {
    return documents.computeIfAbsent(id, Document::new);
  }

  public Document upsert(long key) {
    return upsert(Long.toString(key));
  }

  public Collection<Document> all() {
    return documents.values();
  }

  public void removeIf(Predicate<Document> condition) {
    documents.values().removeIf(condition);
  }

  public void clear() {
    documents.clear();
  }

  /**
   * The documents in insertion order, as an array: a search walks this copy of the references a
   * slice at a time, so that it can let go of the lock in between (see {@link ReadModelStore#scan}).
   */
  public Document[] snapshot() {
    return documents.values().toArray(new Document[0]);
  }

  /** True while the document is this index's document of its id (not removed since a snapshot). */
  public boolean holds(Document document) {
    return documents.get(document.id()) == document;
  }

  /**
   * One match of a search: its sort tuple, its id and its JSON ({@code null} for an archived
   * document, read back only if it lands on the page).
   */
  public record Hit(List<Object> tuple, String id, Map<String, Object> json) {}

  /** The page of a search: the hits on it and the number of matches. */
  public record Window(List<Hit> hits, int total) {
    public SearchResult result(List<Map<String, Object>> items) {
      String start = hits.isEmpty() ? null : Cursors.encode(hits.get(0).tuple());
      String end = hits.isEmpty() ? null : Cursors.encode(hits.get(hits.size() - 1).tuple());
      return new SearchResult(items, total, start, end);
    }
  }

  /**
   * How far the filter holds for the document: decided, or left to decide outside the lock ({@code
   * $like} on text captured here). Reads the live model: call it under the read lock for an
   * in-memory document.
   */
  public Residual matches(Document document, JsonNode filter, SearchContext context) {
    Residual result = Residual.TRUE;
    Iterator<Map.Entry<String, JsonNode>> properties = filter.fields();
    while (properties.hasNext() && result != Residual.FALSE) {
      Map.Entry<String, JsonNode> property = properties.next();
      String name = property.getKey();
      JsonNode condition = property.getValue();
      if (FieldCondition.isEmpty(condition) || isJoint(name)) {
        continue;
      }
      if ("$or".equals(name)) {
        result = Residual.and(result, anyAlternativeMatches(document, condition, context));
      } else if (customFilters.containsKey(name)) {
        result = Residual.and(result, customFilters.get(name).matches(document, condition, context));
      } else {
        result = Residual.and(result, FieldCondition.evaluate(condition, document.get(name)));
      }
    }
    for (Map.Entry<Set<String>, CustomFilter> joint : jointFilters.entrySet()) {
      if (result == Residual.FALSE) {
        break;
      }
      boolean given = joint.getKey().stream().anyMatch(p -> !FieldCondition.isEmpty(filter.get(p)));
      if (given) {
        result = Residual.and(result, joint.getValue().matches(document, filter, context));
      }
    }
    return result;
  }

  /** The filter decided to the end: for documents that are no longer live (archived ones). */
  public boolean matchesFully(Document document, JsonNode filter, SearchContext context) {
    return matches(document, filter, context).resolve(context);
  }

  /**
   * Lets the custom filters the search uses prepare what they look up per document (e.g. a join's
   * related documents grouped by instance), before the scan and outside the lock.
   */
  public void prepare(JsonNode filter, SearchContext context) {
    if (filter == null || !filter.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> properties = filter.fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode condition = property.getValue();
      if (FieldCondition.isEmpty(condition)) {
        continue;
      }
      if ("$or".equals(property.getKey())) {
        condition.forEach(alternative -> prepare(alternative, context));
      } else if (customFilters.containsKey(property.getKey())) {
        customFilters.get(property.getKey()).prepare(condition, context);
      }
    }
    for (Map.Entry<Set<String>, CustomFilter> joint : jointFilters.entrySet()) {
      if (joint.getKey().stream().anyMatch(p -> !FieldCondition.isEmpty(filter.get(p)))) {
        joint.getValue().prepare(filter, context);
      }
    }
  }

  /** True when the property is compared with the document's own field (no custom or joint filter). */
  public boolean isPlainField(String property) {
    return !customFilters.containsKey(property) && !isJoint(property);
  }

  private boolean isJoint(String property) {
    return jointFilters.keySet().stream().anyMatch(properties -> properties.contains(property));
  }

  private Residual anyAlternativeMatches(Document document, JsonNode alternatives, SearchContext context) {
    List<Residual> each = new ArrayList<>();
    for (JsonNode alternative : alternatives) {
      Residual matches = matches(document, alternative, context);
      if (matches == Residual.TRUE) {
        return matches;
      }
      each.add(matches);
    }
    return Residual.anyOf(each);
  }

  public static List<Object> tuple(Document document, List<SortField> sort) {
    List<Object> tuple = new ArrayList<>(sort.size() + 1);
    for (SortField field : sort) {
      tuple.add(document.get(field.field()));
    }
    tuple.add(document.id());
    return tuple;
  }

  /** Sort fields in turn, then the id (numerically for keys) so that the order is total. */
  private static Comparator<List<Object>> tupleOrder(List<SortField> sort) {
    return (left, right) -> {
      for (int i = 0; i < sort.size(); i++) {
        int result = ValueOrder.compare(left.get(i), right.get(i));
        if (result != 0) {
          return sort.get(i).descending() ? -result : result;
        }
      }
      return ValueOrder.compare(left.get(sort.size()), right.get(sort.size()));
    };
  }

  /** Sorts the hits (sort fields, then id) and cuts the requested page. */
  public static Window window(List<Hit> hits, SearchQuery query) {
    Comparator<List<Object>> order = tupleOrder(query.sort());
    // each hit's sort keys once (a date parsed n times, not n log n times), then the sort
    List<Map.Entry<List<Object>, Hit>> keyed = new ArrayList<>(hits.size());
    for (Hit hit : hits) {
      List<Object> keys = new ArrayList<>(hit.tuple().size());
      hit.tuple().forEach(v -> keys.add(ValueOrder.sortKey(v)));
      keyed.add(Map.entry(keys, hit));
    }
    PageRequest page = query.page();
    Comparator<Map.Entry<List<Object>, Hit>> byKeys = (left, right) -> order.compare(left.getKey(), right.getKey());
    boolean offsetPage = page.after() == null && page.before() == null;
    long wanted = (long) Math.max(page.from(), 0) + page.limit();
    if (offsetPage && wanted < keyed.size() / 4) {
      // an inbox's first pages of thousands of hits: keep the smallest "wanted" in a heap, n log k
      return new Window(List.copyOf(firstPage(keyed, byKeys, (int) wanted, page)), keyed.size());
    }
    keyed.sort(byKeys);
    List<Hit> sorted = new ArrayList<>(keyed.size());
    keyed.forEach(e -> sorted.add(e.getValue()));
    int expectedSize = query.sort().size() + 1;
    List<Hit> window;
    if (page.after() != null) {
      List<Object> cursor = Cursors.decode(page.after(), expectedSize);
      window = sorted.stream().filter(d -> order.compare(d.tuple(), cursor) > 0).limit(page.limit()).toList();
    } else if (page.before() != null) {
      List<Object> cursor = Cursors.decode(page.before(), expectedSize);
      List<Hit> before = sorted.stream().filter(d -> order.compare(d.tuple(), cursor) < 0).toList();
      window = before.subList(Math.max(0, before.size() - page.limit()), before.size());
    } else {
      // from + limit can pass Integer.MAX_VALUE: take the smaller of limit and what is left instead
      int from = Math.min(Math.max(page.from(), 0), sorted.size());
      window = sorted.subList(from, from + Math.min(Math.max(page.limit(), 0), sorted.size() - from));
    }
    return new Window(List.copyOf(window), sorted.size());
  }

  /** The hits from {@code page.from()} up to {@code wanted}, in order, without sorting all of them. */
  private static List<Hit> firstPage(List<Map.Entry<List<Object>, Hit>> keyed,
      Comparator<Map.Entry<List<Object>, Hit>> byKeys, int wanted, PageRequest page) {
    java.util.PriorityQueue<Map.Entry<List<Object>, Hit>> largestOnTop =
        new java.util.PriorityQueue<>(wanted + 1, byKeys.reversed());
    for (Map.Entry<List<Object>, Hit> e : keyed) {
      if (largestOnTop.size() < wanted) {
        largestOnTop.add(e);
      } else if (byKeys.compare(e, largestOnTop.peek()) < 0) {
        largestOnTop.poll();
        largestOnTop.add(e);
      }
    }
    List<Map.Entry<List<Object>, Hit>> smallest = new ArrayList<>(largestOnTop);
    smallest.sort(byKeys);
    List<Hit> window = new ArrayList<>();
    for (int i = Math.max(page.from(), 0); i < smallest.size(); i++) {
      window.add(smallest.get(i).getValue());
    }
    return window;
  }

}
