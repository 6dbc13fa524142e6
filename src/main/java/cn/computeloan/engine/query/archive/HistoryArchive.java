package cn.computeloan.engine.query.archive;

import cn.computeloan.engine.query.archive.ArchiveColumns.Column;
import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Finished process-instance trees in the application's database ({@code engine_history_tree},
 * {@code engine_history_document}, Flyway {@code V110__engine_history.sql}): each search document
 * as JSON with its most searched fields as indexed columns ({@link ArchiveColumns}). Thread-safe:
 * every call uses its own connection.
 */
public final class HistoryArchive {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int SHORT_VALUE_LENGTH = 512;
  private static final int IN_CHUNK = 500;
  private static final String COLUMNS = "entity, id, root_process_instance_key, process_instance_key,"
      + " process_definition_key, process_definition_id, element_instance_key, scope_key, variable_key, element_id,"
      + " name, assignee, state, start_date, end_date, short_value, document";
  private static final List<Column> VALUE_COLUMNS = List.of(ArchiveColumns.PROCESS_INSTANCE_KEY,
      ArchiveColumns.PROCESS_DEFINITION_KEY, ArchiveColumns.PROCESS_DEFINITION_ID, ArchiveColumns.ELEMENT_INSTANCE_KEY,
      ArchiveColumns.SCOPE_KEY, ArchiveColumns.VARIABLE_KEY, ArchiveColumns.ELEMENT_ID, ArchiveColumns.NAME,
      ArchiveColumns.ASSIGNEE, ArchiveColumns.STATE, ArchiveColumns.START_DATE, ArchiveColumns.END_DATE);

  /** One document of a finished tree, ready to be written. */
  public record Row(String entity, String id, Document document) {}

  /** A finished tree: its root, when the root ended, and all its documents. */
  public record Tree(long rootKey, String endDate, List<Row> rows) {}

  /** {@link #fieldsOf} per entity, computed once (every archived row needs it). */
  private static final Map<String, String[]> FIELDS = new ConcurrentHashMap<>();

  private final DataSource dataSource;

  public HistoryArchive(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Which of these roots are archived already (replay finishes them again). */
  Set<Long> archivedRoots(Collection<Long> roots) {
    Set<Long> archived = new HashSet<>();
    for (List<Long> chunk : chunks(new ArrayList<>(roots))) {
      String sql = "SELECT root_process_instance_key FROM engine_history_tree WHERE root_process_instance_key IN ("
          + "?,".repeat(chunk.size() - 1) + "?)";
      query(sql, chunk, rs -> archived.add(rs.getLong(1)));
    }
    return archived;
  }

  /** Writes the trees in one transaction. */
  void write(List<Tree> trees, long now) {
    if (trees.isEmpty()) {
      return;
    }
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try (PreparedStatement tree = connection.prepareStatement(
              "INSERT INTO engine_history_tree (root_process_instance_key, end_date, archived_at) VALUES (?, ?, ?)");
          PreparedStatement document = connection.prepareStatement("INSERT INTO engine_history_document (" + COLUMNS
              + ") VALUES (" + "?,".repeat(16) + "?)")) {
        for (Tree t : trees) {
          tree.setLong(1, t.rootKey());
          tree.setString(2, t.endDate());
          tree.setLong(3, now);
          tree.addBatch();
          for (Row row : t.rows()) {
            bind(document, t.rootKey(), row);
            document.addBatch();
          }
        }
        tree.executeBatch();
        document.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not archive finished process instances: " + e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement statement, long root, Row row) throws SQLException {
    String[] fields = FIELDS.computeIfAbsent(row.entity(), HistoryArchive::fieldsOf);
    Document document = row.document();
    statement.setString(1, row.entity());
    statement.setString(2, row.id());
    statement.setLong(3, root);
    int index = 4;
    for (int i = 0; i < VALUE_COLUMNS.size(); i++) {
      Column column = VALUE_COLUMNS.get(i);
      Object value = fields[i] == null ? null : document.get(fields[i]);
      if (column.equals(ArchiveColumns.SCOPE_KEY) && value == null && document.internal("flowScopeKey") != null) {
        value = document.internal("flowScopeKey");
      }
      if (column.type() == ArchiveColumns.Type.KEY) {
        if (value == null) {
          statement.setNull(index, Types.BIGINT);
        } else {
          statement.setLong(index, Long.parseLong(value.toString()));
        }
      } else {
        statement.setString(index, value == null ? null : truncate(value.toString(), 255));
      }
      index++;
    }
    Object fullValue = document.internal("fullValue");
    statement.setString(index++, fullValue instanceof String text && text.length() <= SHORT_VALUE_LENGTH ? text : null);
    statement.setString(index, json(document));
  }

  /** Per value column, the entity's field that fills it (null: none); one field per column. */
  private static String[] fieldsOf(String entity) {
    String[] fields = new String[VALUE_COLUMNS.size()];
    ArchiveColumns.of(entity).forEach((field, column) -> fields[VALUE_COLUMNS.indexOf(column)] = field);
    return fields;
  }

  private static String truncate(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }

  /**
   * Streams the archived documents of an entity that satisfy the SQL filter, without holding them
   * all. The consumer runs while the result set is open (its own queries use another connection).
   */
  void scan(ArchiveFilter filter, Consumer<Document> consumer) {
    scan(filter, consumer, 0);
  }

  /** {@link #scan(ArchiveFilter, Consumer)} with a statement timeout in seconds (0: none). */
  void scan(ArchiveFilter filter, Consumer<Document> consumer, int timeoutSeconds) {
    query("SELECT id, document FROM engine_history_document WHERE " + filter.where(), filter.parameters(),
        timeoutSeconds, rs -> consumer.accept(document(rs.getString(1), rs.getString(2))));
  }

  public List<Document> list(ArchiveFilter filter) {
    List<Document> documents = new ArrayList<>();
    scan(filter, documents::add);
    return documents;
  }

  public Optional<Document> find(String entity, String id) {
    List<Document> found = list(new ArchiveFilter(entity).equal("id", id));
    return found.stream().findFirst();
  }

  /** The documents with these ids, by id. */
  Map<String, Document> byIds(String entity, List<String> ids) {
    Map<String, Document> found = new LinkedHashMap<>();
    for (List<String> chunk : chunks(ids)) {
      scan(new ArchiveFilter(entity).in("id", chunk), document -> found.put(document.id(), document));
    }
    return found;
  }

  /** The root of an archived process instance's tree, if it is archived. */
  Optional<Long> rootOf(long processInstanceKey) {
    List<Long> roots = new ArrayList<>();
    query("SELECT root_process_instance_key FROM engine_history_document WHERE entity = ? AND id = ?",
        List.of(SearchableEntity.PROCESS_INSTANCE.name(), Long.toString(processInstanceKey)),
        rs -> roots.add(rs.getLong(1)));
    return roots.stream().findFirst();
  }

  /**
   * Deletes the documents of the trees whose root ended before {@code cutoff} (an ISO date as
   * {@link Keys#date}). The tree's row stays as a tombstone, so that a replay of the journal that
   * finishes the tree again does not bring it back.
   *
   * @return the number of trees whose documents were deleted
   */
  public int deleteEndedBefore(String cutoff) {
    List<Long> roots = new ArrayList<>();
    query("SELECT t.root_process_instance_key FROM engine_history_tree t WHERE t.end_date < ? AND EXISTS ("
            + "SELECT 1 FROM engine_history_document d WHERE d.root_process_instance_key = t.root_process_instance_key)",
        List.of(cutoff), rs -> roots.add(rs.getLong(1)));
    for (List<Long> chunk : chunks(roots)) {
      update("DELETE FROM engine_history_document WHERE root_process_instance_key IN ("
          + "?,".repeat(chunk.size() - 1) + "?)", chunk);
    }
    return roots.size();
  }

  /** Forgets everything (the engine was purged). */
  void clear() {
    update("DELETE FROM engine_history_document", List.of());
    update("DELETE FROM engine_history_tree", List.of());
  }

  /** Number of archived documents of an entity (tests, diagnostics). */
  long count(String entity) {
    long[] count = new long[1];
    query("SELECT COUNT(*) FROM engine_history_document WHERE entity = ?", List.of(entity), rs -> count[0] = rs.getLong(1));
    return count[0];
  }

  static String json(Document document) {
    Map<String, Object> json = new LinkedHashMap<>(4);
    json.put("f", document.fields());
    if (!document.internals().isEmpty()) {
      json.put("i", document.internals());
    }
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A read-model document is plain JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  static Document document(String id, String text) {
    try {
      Map<String, Object> json = JSON.readValue(text, MAP);
      Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) json.getOrDefault("f", Map.of()));
      Map<String, Object> internal = new LinkedHashMap<>((Map<String, Object>) json.getOrDefault("i", Map.of()));
      // Jackson reads small numbers as Integer; internal keys are longs in memory
      internal.replaceAll((name, value) -> value instanceof Integer number ? Long.valueOf(number) : value);
      return Document.restored(id, fields, internal);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Unreadable archived document " + id, e);
    }
  }

  @FunctionalInterface
  private interface RowHandler {
    void handle(ResultSet rs) throws SQLException;
  }

  private void query(String sql, List<?> parameters, RowHandler handler) {
    query(sql, parameters, 0, handler);
  }

  private void query(String sql, List<?> parameters, int timeoutSeconds, RowHandler handler) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setFetchSize(500);
        statement.setQueryTimeout(timeoutSeconds);
        bindAll(statement, parameters);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            handler.handle(rs);
          }
        }
        connection.commit();
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the history archive: " + e.getMessage(), e);
    }
  }

  private void update(String sql, List<?> parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bindAll(statement, parameters);
      statement.executeUpdate();
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not change the history archive: " + e.getMessage(), e);
    }
  }

  private static void bindAll(PreparedStatement statement, List<?> parameters) throws SQLException {
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
  }

  private static <T> List<List<T>> chunks(List<T> values) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < values.size(); i += IN_CHUNK) {
      chunks.add(values.subList(i, Math.min(values.size(), i + IN_CHUNK)));
    }
    return chunks;
  }
}
