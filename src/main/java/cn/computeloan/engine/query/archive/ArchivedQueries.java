package cn.computeloan.engine.query.archive;

import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.query.search.SearchContext;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchResult;
import cn.computeloan.engine.query.search.SearchableEntity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The archive's half of the read model's queries: searches that merge archived matches with the
 * in-memory ones, and the per-instance lookups (sequence flows, element statistics, call hierarchy,
 * incident tree, user-task variables) for instances that are archived. Runs without the read
 * model's lock: archived documents never change.
 */
public final class ArchivedQueries {

  private final HistoryArchive archive;

  public ArchivedQueries(HistoryArchive archive) {
    this.archive = archive;
  }

  /** Entity kinds whose documents belong to a process-instance tree and move to the archive. */
  public static boolean isArchived(SearchableEntity entity) {
    return switch (entity) {
      case PROCESS_DEFINITION, DECISION_DEFINITION, DECISION_REQUIREMENTS, FORM -> false;
      default -> true;
    };
  }

  /**
   * Adds the archived matches to the in-memory {@code hits}, sorts, pages and reads the archived
   * documents that land on the page. SQL narrows the candidates ({@link ArchiveFilter}); the full
   * filter, custom and joint filters included, is applied to each candidate here.
   */
  public SearchResult search(SearchableEntity entity, DocumentIndex index, SearchQuery query, Predicate<Document> scope,
      UnaryOperator<ArchiveFilter> archiveScope, List<DocumentIndex.Hit> hits, SearchContext context) {
    Set<String> inMemory = new HashSet<>();
    hits.forEach(hit -> inMemory.add(hit.id()));
    ArchiveFilter filter = archiveScope.apply(new ArchiveFilter(entity.name()).filter(entity, index, query.filter()));
    if (entity == SearchableEntity.PROCESS_INSTANCE) {
      pushDownVariables(filter, query);
    }
    List<DocumentIndex.Hit> all = new ArrayList<>(hits);
    scanWithin(context, filter, document -> {
      if (!inMemory.contains(document.id()) && scope.test(document)
          && index.matchesFully(document, query.filter(), context)) {
        all.add(new DocumentIndex.Hit(DocumentIndex.tuple(document, query.sort()), document.id(), null));
      }
    });
    DocumentIndex.Window window = DocumentIndex.window(all, query);
    List<String> toRead = window.hits().stream().filter(hit -> hit.json() == null).map(DocumentIndex.Hit::id).toList();
    Map<String, Document> read = toRead.isEmpty() ? Map.of() : archive.byIds(entity.name(), toRead);
    List<Map<String, Object>> items = new ArrayList<>();
    for (DocumentIndex.Hit hit : window.hits()) {
      if (hit.json() != null) {
        items.add(hit.json());
      } else if (read.containsKey(hit.id())) {
        items.add(read.get(hit.id()).toJson());
      }
    }
    return window.result(items);
  }

  /**
   * Streams the archive's candidates within the search's budget: checked per row, and the statement
   * itself gets the rest of the budget as its timeout, so a slow query stops too.
   */
  private void scanWithin(SearchContext context, ArchiveFilter filter, java.util.function.Consumer<Document> consumer) {
    try {
      archive.scan(filter, document -> {
        context.checkBudget();
        consumer.accept(document);
      }, context.remainingSeconds());
    } catch (IllegalStateException e) {
      if (context.expired()) {
        context.checkBudget(); // the statement was cancelled by its timeout: answer as a timeout
      }
      throw e;
    }
  }

  /** Each {@code variables} condition of a process-instance filter needs a variable of that name. */
  private static void pushDownVariables(ArchiveFilter filter, SearchQuery query) {
    var conditions = query.filter().get("variables");
    if (conditions == null || !conditions.isArray()) {
      return;
    }
    for (var condition : conditions) {
      if (condition.hasNonNull("name")) {
        filter.hasVariable(condition.get("name").asText(), condition.get("value"));
      }
    }
  }

  public List<Map<String, Object>> sequenceFlows(long processInstanceKey) {
    return archive.find(ArchiveColumns.SEQUENCE_FLOWS, Long.toString(processInstanceKey))
        .map(document -> flows(document.get("flows")))
        .orElse(List.of());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> flows(Object flows) {
    return flows instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  public List<Document> elementsOf(long processInstanceKey) {
    return archive.list(new ArchiveFilter(SearchableEntity.ELEMENT_INSTANCE.name())
        .equal("process_instance_key", processInstanceKey));
  }

  /**
   * Archived element instances of the definition's archived instances that match the filter (the
   * keys of matching in-memory instances are already in {@code instanceKeys}).
   */
  public List<Document> definitionElements(long processDefinitionKey, com.fasterxml.jackson.databind.JsonNode filter,
      DocumentIndex instances, Set<String> instanceKeys, SearchContext context) {
    Set<String> archivedKeys = new HashSet<>();
    SearchableEntity entity = SearchableEntity.PROCESS_INSTANCE;
    ArchiveFilter sql = new ArchiveFilter(entity.name()).filter(entity, instances, filter)
        .equal("process_definition_key", processDefinitionKey);
    pushDownVariables(sql, SearchQuery.all().withFilter(filter));
    scanWithin(context, sql, instance -> {
      if (!instanceKeys.contains(instance.id()) && instances.matchesFully(instance, filter, context)) {
        archivedKeys.add(instance.id());
      }
    });
    if (archivedKeys.isEmpty()) {
      return List.of();
    }
    List<Document> elements = new ArrayList<>();
    scanWithin(context, new ArchiveFilter(SearchableEntity.ELEMENT_INSTANCE.name())
        .equal("process_definition_key", processDefinitionKey), element -> {
          if (archivedKeys.contains((String) element.get("processInstanceKey"))) {
            elements.add(element);
          }
        });
    return elements;
  }

  /** Root first, down to the given archived instance. */
  public List<Document> callHierarchy(long processInstanceKey) {
    List<Document> chain = new ArrayList<>();
    long current = processInstanceKey;
    while (current > 0) {
      Optional<Document> instance = archive.find(SearchableEntity.PROCESS_INSTANCE.name(), Long.toString(current));
      if (instance.isEmpty()) {
        break;
      }
      chain.add(0, instance.get());
      current = instance.get().longField("parentProcessInstanceKey");
    }
    return chain;
  }

  /** The archived instance and every instance it called, directly or not. */
  public Set<Long> tree(long processInstanceKey) {
    Optional<Long> root = archive.rootOf(processInstanceKey);
    if (root.isEmpty()) {
      return Set.of();
    }
    Map<Long, List<Long>> children = new LinkedHashMap<>();
    for (Document instance : archive.list(new ArchiveFilter(SearchableEntity.PROCESS_INSTANCE.name())
        .equal("root_process_instance_key", root.get()))) {
      children.computeIfAbsent(instance.longField("parentProcessInstanceKey"), k -> new ArrayList<>())
          .add(Long.parseLong(instance.id()));
    }
    return Keys.tree(processInstanceKey, children);
  }

  /** Ids of the variables an archived user task sees (inner scopes hide outer ones), or null. */
  public Set<String> userTaskVariableIds(long userTaskKey) {
    Optional<Document> task = archive.find(SearchableEntity.USER_TASK.name(), Long.toString(userTaskKey));
    if (task.isEmpty()) {
      return null;
    }
    List<Long> scopes = task.get().scopeKeys(scope -> archive
        .find(SearchableEntity.ELEMENT_INSTANCE.name(), Long.toString(scope))
        .map(element -> element.internal("flowScopeKey") instanceof Long key ? key : -1L)
        .orElse(-1L));
    Map<Long, List<Document>> byScope = new LinkedHashMap<>();
    for (Document variable : archive.list(new ArchiveFilter(SearchableEntity.VARIABLE.name()).in("scope_key", scopes))) {
      byScope.computeIfAbsent(variable.longField("scopeKey"), k -> new ArrayList<>()).add(variable);
    }
    Map<String, String> visible = new LinkedHashMap<>();
    for (long scope : scopes) {
      for (Document variable : byScope.getOrDefault(scope, List.of())) {
        visible.putIfAbsent((String) variable.get("name"), variable.id());
      }
    }
    return Set.copyOf(visible.values());
  }
}
