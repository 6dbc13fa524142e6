package cn.computeloan.engine.query;

import cn.computeloan.engine.query.archive.HistoryArchive;
import cn.computeloan.engine.query.archive.HistoryArchiver;
import cn.computeloan.engine.query.projection.DecisionInstanceProjection;
import cn.computeloan.engine.query.projection.DefinitionProjection;
import cn.computeloan.engine.query.projection.FinishedTrees;
import cn.computeloan.engine.query.projection.IncidentProjection;
import cn.computeloan.engine.query.projection.JobProjection;
import cn.computeloan.engine.query.projection.MessageSubscriptionProjection;
import cn.computeloan.engine.query.projection.ProcessInstanceFilters;
import cn.computeloan.engine.query.projection.ProcessInstanceProjection;
import cn.computeloan.engine.query.projection.UserTaskProjection;
import cn.computeloan.engine.query.projection.VariableProjection;
import cn.computeloan.engine.query.projection.VariableWriters;
import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.Residual;
import cn.computeloan.engine.query.search.SearchContext;
import cn.computeloan.engine.query.search.SearchableEntity;
import cn.computeloan.engine.query.search.SortField;
import cn.computeloan.engine.record.DecisionEvaluationValue;
import cn.computeloan.engine.record.IncidentValue;
import cn.computeloan.engine.record.JobValue;
import cn.computeloan.engine.record.MessageSubscriptionValue;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordType;
import cn.computeloan.engine.record.UserTaskValue;
import cn.computeloan.engine.record.VariableValue;
import cn.computeloan.engine.snapshot.readmodel.ReadModelSnapshots;
import cn.computeloan.engine.snapshot.readmodel.ReadModelState;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The read model's memory: the projections of the record stream, the lock that guards them, and
 * what changes them as a whole (applying a batch of records, dropping process-instance trees,
 * emptying, snapshot export and import). {@link ReadModel} answers queries over this store and the
 * {@link HistoryArchive}.
 *
 * <p>Every access to a projection goes through {@link #read}, {@link #write} or {@link #scan}: a
 * batch of records is applied under the write lock, so a query sees each document with the effects
 * of a command entirely or not at all. Searches read through {@link #scan}, which holds the read
 * lock for about a millisecond at a time, so that record application never waits long for them.
 */
final class ReadModelStore implements HistoryArchiver.Trees {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Long> finishedRoots = new ArrayList<>();
  final DefinitionProjection definitions = new DefinitionProjection();
  final ProcessInstanceProjection processInstances = new ProcessInstanceProjection(definitions, finishedRoots::add);
  final VariableProjection variables = new VariableProjection();
  final IncidentProjection incidents = new IncidentProjection(processInstances);
  final JobProjection jobs = new JobProjection();
  final UserTaskProjection userTasks;
  final MessageSubscriptionProjection messageSubscriptions = new MessageSubscriptionProjection();
  final DecisionInstanceProjection decisionInstances = new DecisionInstanceProjection();
  private final VariableWriters writers = new VariableWriters();

  ReadModelStore(HistoryArchive archive) {
    this.userTasks = new UserTaskProjection(definitions, variables, archive);
    new ProcessInstanceFilters(processInstances, variables, incidents, archive).register();
  }

  /** Applies the events of one delivery; returns the roots of the trees that finished in it. */
  List<Long> apply(List<Record> records) {
    return write(() -> {
      writers.startBatch();
      for (Record record : records) {
        if (record.recordType() == RecordType.EVENT) {
          writers.observe(record);
          apply(record);
        }
      }
      List<Long> roots = List.copyOf(finishedRoots);
      finishedRoots.clear();
      return roots;
    });
  }

  private void apply(Record record) {
    if (record.value() instanceof ProcessInstanceValue value) {
      processInstances.apply(record, value);
    } else if (record.value() instanceof VariableValue value) {
      long writer = writers.writer(value.scopeKey());
      String writerElementId = processInstances.elements.find(writer).map(e -> (String) e.get("elementId"))
          .orElse(writer == value.processInstanceKey() ? value.bpmnProcessId() : null);
      variables.apply(record, value, writer, writerElementId);
    } else if (record.value() instanceof IncidentValue value) {
      incidents.apply(record, value);
    } else if (record.value() instanceof JobValue value) {
      jobs.apply(record, value);
    } else if (record.value() instanceof UserTaskValue value) {
      userTasks.apply(record, value);
    } else if (record.value() instanceof MessageSubscriptionValue value) {
      messageSubscriptions.apply(record, value);
    } else if (record.value() instanceof DecisionEvaluationValue value) {
      decisionInstances.apply(record, value);
    } else {
      definitions.apply(record);
    }
  }

  DocumentIndex index(SearchableEntity entity) {
    return switch (entity) {
      case PROCESS_DEFINITION -> definitions.processes;
      case DECISION_DEFINITION -> definitions.decisions;
      case DECISION_REQUIREMENTS -> definitions.requirements;
      case FORM -> definitions.forms;
      case PROCESS_INSTANCE -> processInstances.instances;
      case ELEMENT_INSTANCE -> processInstances.elements;
      case VARIABLE -> variables.variables;
      case INCIDENT -> incidents.incidents;
      case JOB -> jobs.jobs;
      case USER_TASK -> userTasks.tasks;
      case MESSAGE_SUBSCRIPTION -> messageSubscriptions.subscriptions;
      case CORRELATED_MESSAGE_SUBSCRIPTION -> messageSubscriptions.correlations;
      case DECISION_INSTANCE -> decisionInstances.instances;
      case VARIABLE_CHANGE -> variables.changes;
    };
  }

  /** Drops these process instances with all their entities; the caller holds the write lock. */
  void removeInstances(Set<Long> tree) {
    variables.removeInstances(tree);
    incidents.removeInstances(tree);
    jobs.removeInstances(tree);
    userTasks.removeInstances(tree);
    messageSubscriptions.removeInstances(tree);
    decisionInstances.removeInstances(tree);
    processInstances.removeInstances(tree);
  }

  /**
   * Retention in memory: drops every finished root process instance that ended before {@code
   * cutoff}, with everything it called; returns the number of roots dropped.
   */
  int removeFinishedBefore(Instant cutoff) {
    return write(() -> {
      Set<Long> tree = new HashSet<>();
      int roots = 0;
      for (Document instance : processInstances.instances.all()) {
        Object end = instance.get("endDate");
        if (end != null && instance.get("parentProcessInstanceKey") == null
            && OffsetDateTime.parse((String) end).toInstant().isBefore(cutoff)) {
          tree.addAll(processInstances.tree(Long.parseLong(instance.id())));
          roots++;
        }
      }
      if (!tree.isEmpty()) {
        removeInstances(tree);
      }
      return roots;
    });
  }

  /**
   * Ids of the variables a user task in memory sees (inner scopes hide outer ones), or null when
   * the task is not in memory. The variables are scanned a slice at a time (see {@link #scan}).
   */
  /**
   * The variables a user task sees, innermost scope first (a name shadowed by an inner scope is left
   * out), read from the per-scope keys: no scan of every variable; null for a task not in memory.
   */
  Document[] userTaskVariables(long userTaskKey) {
    return read(() -> userTasks.tasks.find(userTaskKey).map(task -> {
      Map<String, Document> visible = new LinkedHashMap<>();
      for (long scope : task.scopeKeys(processInstances::flowScopeKey)) {
        for (Document variable : variables.inScope(scope)) {
          visible.putIfAbsent((String) variable.get("name"), variable);
        }
      }
      return visible.values().toArray(Document[]::new);
    }).orElse(null));
  }

  /** Forgets everything in memory. */
  void clear() {
    write(() -> {
      definitions.clear();
      processInstances.clear();
      variables.clear();
      writers.startBatch();
      finishedRoots.clear();
      incidents.incidents.clear();
      jobs.jobs.clear();
      userTasks.tasks.clear();
      messageSubscriptions.subscriptions.clear();
      messageSubscriptions.correlations.clear();
      decisionInstances.instances.clear();
      return null;
    });
  }

  /** A copy of every document and lookup table, detached from the live store. */
  ReadModelState exportState() {
    return read(() -> ReadModelSnapshots.export(indexes(), definitions, processInstances, variables));
  }

  /** Replaces what the store holds with an exported state. */
  void importState(ReadModelState state) {
    clear();
    write(() -> {
      ReadModelSnapshots.restore(state, indexes(), definitions, processInstances, variables);
      return null;
    });
  }

  private Map<String, DocumentIndex> indexes() {
    Map<String, DocumentIndex> indexes = new LinkedHashMap<>();
    for (SearchableEntity entity : SearchableEntity.values()) {
      indexes.put(entity.name(), index(entity));
    }
    return indexes;
  }

  // --- the archiver's view: copies of finished trees, and dropping them

  @Override
  public List<HistoryArchive.Tree> copy(Collection<Long> roots) {
    return read(() -> FinishedTrees.copy(roots, processInstances, this::index));
  }

  @Override
  public void drop(Collection<Long> roots) {
    write(() -> {
      Set<Long> keys = new HashSet<>();
      roots.forEach(root -> keys.addAll(processInstances.tree(root)));
      removeInstances(keys);
      return null;
    });
  }

  /**
   * How long a search holds the read lock at a stretch: record application (the write lock) waits at
   * most about this long for a search, whatever the search asks.
   */
  static final long SLICE_NANOS = 1_000_000;

  /**
   * Visits the documents of an index that are still in it, under the read lock, one slice at a time.
   * The references are copied first (one array, under the lock); the visitor then runs over them
   * for at most {@link #SLICE_NANOS} per lock hold, and the lock is released between slices, so that
   * a waiting write (record application) goes first: the lock is not fair, but a reader does not
   * barge ahead of a queued writer. Each document is read whole under the lock, so a search sees
   * each document before or after a command, never half-way; a long search may see one document
   * before a command and another after it, as a search over Camunda's exported indexes may. A
   * document removed meanwhile is skipped (an archived one is found in the archive afterwards).
   * Checks the search's time budget between slices. The visitor must cost little per document: no
   * pattern matching (that is left to {@link Residual}, resolved outside the lock), no scans.
   */
  void scan(DocumentIndex index, SearchContext context, Consumer<Document> visitor) {
    scan(index, read(index::snapshot), context, visitor);
  }

  /** {@link #scan} over some documents of the index only (candidates found through another index). */
  void scan(DocumentIndex index, Document[] documents, SearchContext context, Consumer<Document> visitor) {
    int next = 0;
    while (next < documents.length) {
      context.checkBudget();
      lock.readLock().lock();
      try {
        long sliceEnd = System.nanoTime() + SLICE_NANOS;
        do {
          Document document = documents[next++];
          if (index.holds(document)) {
            visitor.accept(document);
          }
        } while (next < documents.length && ((next & 15) != 0 || System.nanoTime() - sliceEnd < 0));
      } finally {
        lock.readLock().unlock();
      }
    }
  }

  /**
   * The in-memory matches, each with a copy of its JSON: the filter is decided under the read lock
   * as far as it can be cheaply, a slice at a time; what is left ({@code $like}) is matched after.
   */
  List<DocumentIndex.Hit> hits(DocumentIndex index, JsonNode filter, List<SortField> sort,
      Predicate<Document> scope, SearchContext context) {
    return hits(index, null, filter, sort, scope, context);
  }

  /** {@link #hits} among {@code candidates} only, or among every document of the index when null. */
  List<DocumentIndex.Hit> hits(DocumentIndex index, Document[] candidates, JsonNode filter, List<SortField> sort,
      Predicate<Document> scope, SearchContext context) {
    index.prepare(filter, context);
    List<DocumentIndex.Hit> hits = new ArrayList<>();
    List<DocumentIndex.Hit> open = new ArrayList<>();
    List<Residual> residuals = new ArrayList<>();
    scan(index, candidates != null ? candidates : read(index::snapshot), context, document -> {
      if (!scope.test(document)) {
        return;
      }
      Residual matches = index.matches(document, filter, context);
      if (matches != Residual.FALSE) {
        DocumentIndex.Hit hit = new DocumentIndex.Hit(DocumentIndex.tuple(document, sort), document.id(), document.toJson());
        if (matches == Residual.TRUE) {
          hits.add(hit);
        } else {
          open.add(hit);
          residuals.add(matches);
        }
      }
    });
    for (int i = 0; i < open.size(); i++) {
      if (residuals.get(i).resolve(context)) {
        hits.add(open.get(i));
      }
    }
    return hits;
  }

  <T> T read(Supplier<T> query) {
    lock.readLock().lock();
    try {
      return query.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  <T> T write(Supplier<T> update) {
    lock.writeLock().lock();
    try {
      return update.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
