package cn.computeloan.engine.query;

import cn.computeloan.engine.query.archive.ArchiveFilter;
import cn.computeloan.engine.query.archive.ArchivedQueries;
import cn.computeloan.engine.query.archive.HistoryArchive;
import cn.computeloan.engine.query.archive.HistoryArchiver;
import cn.computeloan.engine.query.projection.DecisionInstanceProjection;
import cn.computeloan.engine.query.projection.DefinitionProjection;
import cn.computeloan.engine.query.projection.ElementStatistics;
import cn.computeloan.engine.query.projection.ProcessInstanceProjection;
import cn.computeloan.engine.query.projection.VariableProjection;
import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.query.search.SearchContext;
import cn.computeloan.engine.query.search.SearchLimits;
import cn.computeloan.engine.query.search.SearchQuery;
import cn.computeloan.engine.query.search.SearchResult;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordListener;
import cn.computeloan.engine.snapshot.SnapshotParticipant;
import cn.computeloan.engine.snapshot.readmodel.ReadModelState;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * The read side of the embedded engine: projections of the record stream that answer the REST
 * API's searches and gets, as Operate and Tasklist do from exported records.
 *
 * <p>The in-memory documents are kept by a {@link ReadModelStore}, the archived ones by the {@link
 * HistoryArchive} (read through {@link ArchivedQueries}); this class merges the two for every query.
 *
 * <p>Thread safety: records arrive on the engine thread, queries on HTTP threads. A batch of
 * records is applied under the store's write lock. A search never holds the read lock for more than
 * about a millisecond at a time ({@link ReadModelStore#scan}): it decides the cheap part of its
 * filter a slice of documents at a time, copies the matches, and matches {@code $like} patterns,
 * sorts and pages outside the lock ({@link Residual}); record application, whose write lock a long
 * search would otherwise hold up, is never kept waiting longer than a slice. So a search sees each
 * document before or after a command, and sees everything delivered before it started; a search
 * that spans slices may see one document before a command and another after it. Results are
 * copies. Every search has a time budget ({@link #searchTimeBudget}); past it the search stops
 * with a {@link SearchTimeoutException}.
 *
 * <p>History. Without a database everything stays in memory. With one ({@link
 * #ReadModel(DataSource)}), every process-instance tree that finished (its root completed or was
 * terminated) is moved by a {@link HistoryArchiver} into the {@link HistoryArchive} — after the
 * journal holds the command that finished it (see {@link #durabilityBarrier}) — and dropped from
 * memory, so memory holds the active trees only. Every search and get answers over memory and
 * archive together; conditions on indexed fields go to SQL, the full filter is applied in Java.
 * {@link #removeFinishedBefore} (retention) removes from both; {@link #clear} empties both.
 *
 * <p>Engine snapshots include the read model's memory ({@link #exportState()}, {@link
 * #importState}); the archive stays in the database. A restart restores the memory from the
 * snapshot instead of rebuilding it from the whole journal.
 */
public class ReadModel implements RecordListener, AutoCloseable, SnapshotParticipant {

  private final ReadModelStore store;
  private final HistoryArchive archive;
  private final HistoryArchiver archiver;
  private final ArchivedQueries archived;
  private final DefinitionProjection definitions;
  private final ProcessInstanceProjection processInstances;
  private volatile Duration searchTimeBudget = DEFAULT_SEARCH_TIME_BUDGET;

  /** How long a search may take before it is stopped, unless configured otherwise. */
  public static final Duration DEFAULT_SEARCH_TIME_BUDGET = Duration.ofSeconds(2);

  /** Keeps the whole history in memory (engine without a database). */
  public ReadModel() {
    this(null);
  }

  /** Archives finished trees into this database (null: keep everything in memory). */
  public ReadModel(DataSource dataSource) {
    this.archive = dataSource == null ? null : new HistoryArchive(dataSource);
    this.store = new ReadModelStore(archive);
    this.archiver = archive == null ? null : new HistoryArchiver(archive, store);
    this.archived = new ArchivedQueries(archive);
    this.definitions = store.definitions;
    this.processInstances = store.processInstances;
  }

  /**
   * What the archiver calls before it writes: must block until the journal holds every command
   * whose records were delivered so far (the engine's {@code awaitJournalled}), so that the archive
   * contains only acknowledged history. Throwing keeps the trees in memory.
   */
  public void durabilityBarrier(Runnable barrier) {
    if (archiver != null) {
      archiver.durabilityBarrier(barrier);
    }
  }

  /**
   * Snapshot contract: blocks until every tree that finished in the records delivered so far is
   * written to the archive and dropped from memory (and any pending archive clearing is done).
   * Afterwards memory holds only unfinished trees (plus definitions and standalone decision
   * evaluations), which a snapshot of the read model must keep; what is archived stays in the
   * database. Call it after the last command covered by the snapshot was processed <em>and its
   * records were delivered</em> (the engine feeds listeners after releasing its lock: flush those
   * deliveries first). It does not need the engine lock (it waits for the journal writer, the
   * archiver thread and this read model's lock), so it may be called while holding it. Throws when
   * the archive cannot be written, in which case the snapshot must not truncate the journal.
   *
   * <p>Blocks until everything the read model must persist outside the snapshot is durable. The
   * engine calls it under its lock, after feeding the queued deliveries, right before {@link
   * #exportState()}.
   */
  @Override
  public void beforeSnapshot() {
    if (archiver != null) {
      archiver.flush();
    }
  }

  /** How long one search may run before it is stopped with a {@link SearchTimeoutException}. */
  public void searchTimeBudget(Duration budget) {
    this.searchTimeBudget = budget;
  }

  private SearchContext newSearch() {
    return new SearchContext(searchTimeBudget, store::scan);
  }

  /** Documents in memory per entity kind (diagnostics and tests: memory must follow active work). */
  public Map<SearchableEntity, Integer> documentsInMemory() {
    return read(() -> {
      Map<SearchableEntity, Integer> counts = new java.util.EnumMap<>(SearchableEntity.class);
      for (SearchableEntity entity : SearchableEntity.values()) {
        counts.put(entity, index(entity).all().size());
      }
      return counts;
    });
  }

  @Override
  public void close() {
    if (archiver != null) {
      archiver.close();
    }
  }

  @Override
  public void onRecords(List<Record> records) {
    List<Long> finished = store.apply(records);
    if (archiver != null) {
      archiver.finished(finished);
    }
  }

  /** Answers {@code POST /v2/<entity>/search}. */
  public SearchResult search(SearchableEntity entity, SearchQuery query) {
    return search(entity, query, document -> true, filter -> filter);
  }

  /**
   * Searches memory, then the archive (in this order, so a tree moved in between is seen at least
   * once; a document found in both counts once).
   */
  private SearchResult search(SearchableEntity entity, SearchQuery query, Predicate<Document> scope,
      UnaryOperator<ArchiveFilter> archiveScope) {
    SearchLimits.checkFilter(query.filter(), "filter");
    SearchContext context = newSearch();
    DocumentIndex index = index(entity);
    List<DocumentIndex.Hit> hits = store.hits(index, query.filter(), query.sort(), scope, context);
    if (archive == null || !ArchivedQueries.isArchived(entity)) {
      DocumentIndex.Window window = DocumentIndex.window(hits, query);
      return window.result(window.hits().stream().map(DocumentIndex.Hit::json).toList());
    }
    return archived.search(entity, index, query, scope, archiveScope, hits, context);
  }

  /**
   * Engine extension (Camunda 8.8 has no such endpoint): every CREATED/UPDATED of one variable, in
   * the order they happened unless sorted otherwise, each with its value, time ({@code
   * changeTime}), scope and writer ({@code writerElementInstanceKey}, {@code writerElementId}).
   */
  public SearchResult variableChanges(long variableKey, SearchQuery query) {
    String key = Long.toString(variableKey);
    return search(SearchableEntity.VARIABLE_CHANGE, query, change -> key.equals(change.get("variableKey")),
        filter -> filter.equal("variable_key", variableKey));
  }

  /**
   * One entity by its key, in the shape of its get endpoint's result (variables with their full
   * value, decision instances with inputs and rules).
   */
  public Optional<Map<String, Object>> get(SearchableEntity entity, String key) {
    Optional<Map<String, Object>> inMemory = read(() -> switch (entity) {
      case VARIABLE -> parseKey(key).flatMap(store.variables::fullVariable);
      case DECISION_INSTANCE -> store.decisionInstances.get(key);
      default -> index(entity).find(key).map(Document::toJson);
    });
    if (inMemory.isPresent() || archive == null || !ArchivedQueries.isArchived(entity)) {
      return inMemory;
    }
    return archive.find(entity.name(), key).map(document -> switch (entity) {
      case VARIABLE -> VariableProjection.fullVariable(document);
      case DECISION_INSTANCE -> DecisionInstanceProjection.withDetails(document);
      default -> document.toJson();
    });
  }

  public Optional<Map<String, Object>> get(SearchableEntity entity, long key) {
    return get(entity, Long.toString(key));
  }

  /** The deployed resource behind a process, decision, DRG or form key. */
  public Optional<ResourceView> resource(long definitionKey) {
    return read(() -> definitions.resource(definitionKey).map(value -> new ResourceView(
        definitionKey,
        definitions.kind(definitionKey).orElseThrow(),
        value.resourceId(),
        value.resourceName(),
        value.version(),
        Keys.blankToNull(value.versionTag()),
        value.tenantId(),
        value.resource())));
  }

  /** The form linked to the process's start event, if it links one. */
  public Optional<Map<String, Object>> processStartForm(long processDefinitionKey) {
    return read(() -> definitions.startForm(processDefinitionKey).map(Document::toJson));
  }

  public List<Map<String, Object>> sequenceFlows(long processInstanceKey) {
    List<Map<String, Object>> inMemory = read(() -> processInstances.sequenceFlows(processInstanceKey));
    return inMemory.isEmpty() && archive != null ? archived.sequenceFlows(processInstanceKey) : inMemory;
  }

  /** Element-instance counts of one process instance. */
  public List<Map<String, Object>> elementStatistics(long processInstanceKey) {
    String key = Long.toString(processInstanceKey);
    List<Document> inMemory = new ArrayList<>();
    store.scan(processInstances.elements, newSearch(), element -> {
      if (key.equals(element.get("processInstanceKey"))) {
        inMemory.add(element.copy());
      }
    });
    return ElementStatistics.of(inMemory.isEmpty() && archive != null ? archived.elementsOf(processInstanceKey) : inMemory);
  }

  /** Element-instance counts over the definition's instances that match the filter. */
  public List<Map<String, Object>> definitionElementStatistics(long processDefinitionKey, JsonNode instanceFilter) {
    String key = Long.toString(processDefinitionKey);
    JsonNode filter = instanceFilter == null ? SearchQuery.all().filter() : instanceFilter;
    SearchLimits.checkFilter(filter, "filter");
    SearchContext context = newSearch();
    DocumentIndex instances = processInstances.instances;
    Set<String> instanceKeys = new HashSet<>();
    for (DocumentIndex.Hit hit : store.hits(instances, filter, List.of(),
        instance -> key.equals(instance.get("processDefinitionKey")), context)) {
      instanceKeys.add(hit.id());
    }
    Map<String, Document> elements = new LinkedHashMap<>();
    store.scan(processInstances.elements, context, element -> {
      if (instanceKeys.contains((String) element.get("processInstanceKey"))) {
        elements.put(element.id(), element.copy());
      }
    });
    if (archive != null) {
      archived.definitionElements(processDefinitionKey, filter, instances, instanceKeys, context)
          .forEach(element -> elements.putIfAbsent(element.id(), element));
    }
    return ElementStatistics.of(elements.values());
  }

  /** The instance's ancestors and itself, root first, as call-hierarchy entries. */
  public List<Map<String, Object>> callHierarchy(long processInstanceKey) {
    List<Document> chain = read(() -> processInstances.callHierarchy(processInstanceKey).stream()
        .map(Document::copy).toList());
    if (chain.isEmpty() && archive != null) {
      chain = archived.callHierarchy(processInstanceKey);
    }
    return chain.stream().map(instance -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("processInstanceKey", instance.get("processInstanceKey"));
      entry.put("processDefinitionKey", instance.get("processDefinitionKey"));
      entry.put("processDefinitionName", instance.get("processDefinitionName"));
      return entry;
    }).toList();
  }

  /** Incidents of the process instance and of the instances it called. */
  public SearchResult processInstanceIncidents(long processInstanceKey, SearchQuery query) {
    Set<Long> tree = read(() -> processInstances.instances.find(processInstanceKey).isPresent()
        ? processInstances.tree(processInstanceKey) : Set.<Long>of());
    if (tree.isEmpty() && archive != null) {
      tree = archived.tree(processInstanceKey);
    }
    Set<Long> keys = tree;
    return search(SearchableEntity.INCIDENT, query, incident -> keys.contains(incident.longField("processInstanceKey")),
        filter -> filter.in("process_instance_key", keys));
  }

  /**
   * The variables a user task sees, as Tasklist shows them: those of its element instance and of
   * every enclosing scope, an inner variable hiding an outer one of the same name.
   */
  public SearchResult userTaskVariables(long userTaskKey, SearchQuery query) {
    Document[] inMemory = store.userTaskVariables(userTaskKey);
    if (inMemory != null) {
      SearchLimits.checkFilter(query.filter(), "filter");
      List<DocumentIndex.Hit> hits = store.hits(store.index(SearchableEntity.VARIABLE), inMemory, query.filter(),
          query.sort(), document -> true, newSearch());
      DocumentIndex.Window window = DocumentIndex.window(hits, query);
      return window.result(window.hits().stream().map(DocumentIndex.Hit::json).toList());
    }
    Set<String> ids = archive == null ? null : archived.userTaskVariableIds(userTaskKey);
    if (ids == null) {
      return new SearchResult(List.of(), 0, null, null);
    }
    return search(SearchableEntity.VARIABLE, query, variable -> ids.contains(variable.id()),
        filter -> filter.in("id", ids));
  }

  /** Drops a process instance and every instance it called, with all their entities. */
  public void removeProcessInstanceTree(long rootProcessInstanceKey) {
    write(() -> {
      store.removeInstances(processInstances.tree(rootProcessInstanceKey));
      return null;
    });
  }

  @Override
  public void onPurged() {
    clear();
  }

  /**
   * History retention: drops every finished root process instance (completed or terminated) that
   * ended before {@code cutoff}, with everything it called and all their entities.
   *
   * @return the number of root instances removed
   */
  public int removeFinishedBefore(java.time.Instant cutoff) {
    int inMemory = store.removeFinishedBefore(cutoff);
    if (archiver == null) {
      return inMemory;
    }
    String cutoffDate = Keys.date(cutoff.toEpochMilli());
    return inMemory + archiver.inOrder(history -> history.deleteEndedBefore(cutoffDate));
  }

  /** Forgets everything, in memory and in the archive: to be called when the engine is purged. */
  public void clear() {
    if (archiver != null) {
      archiver.clear();
    }
    discardState();
  }

  /** Forgets what is in memory, keeping the archive (a snapshot's state that could not be restored). */
  @Override
  public void discardState() {
    store.clear();
  }

  // --- engine snapshots

  @Override
  public String snapshotName() {
    return "read-model";
  }

  /** A copy of every document and lookup table, detached from the live model. */
  @Override
  public ReadModelState exportState() {
    return store.exportState();
  }

  @Override
  public Class<?> stateType() {
    return ReadModelState.class;
  }

  /** Replaces what the model holds in memory with an exported state; the archive stays as it is. */
  @Override
  public void importState(Object state) {
    store.importState((ReadModelState) state);
  }

  private DocumentIndex index(SearchableEntity entity) {
    return store.index(entity);
  }

  private static Optional<Long> parseKey(String key) {
    try {
      return Optional.of(Long.parseLong(key));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private <T> T read(Supplier<T> query) {
    return store.read(query);
  }

  private <T> T write(Supplier<T> update) {
    return store.write(update);
  }
}
