package cn.computeloan.workspace.processes;

import io.camunda.client.api.response.DecisionRequirements;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Form;
import io.camunda.client.api.response.Process;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who deployed which version, when, from which file, with which SHA-256 (table {@code deployment_log},
 * V40): the engine records none of it but the file name. One row per deployed version; a redeployed
 * unchanged file keeps its version and adds nothing. Rows are only ever inserted.
 */
@Repository
public class DeploymentLog {

  /** Longest definition id and file name the log stores (the columns' sizes). */
  static final int ID = 255;

  /** What a version is: the kinds of resource the log records. */
  public enum Kind { PROCESS, DECISION_REQUIREMENTS, FORM }

  /** One deployed version as the log knows it. */
  public record Entry(Kind kind, long definitionKey, String definitionId, int version, long deploymentKey,
      String resourceName, String sha256, String deployedBy, Instant deployedAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  public DeploymentLog(JdbcClient jdbc, ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /**
   * Records the versions of {@code deployment} not yet in the log, each with the SHA-256 of its file
   * in {@code contents} (by resource name); returns how many rows were added.
   */
  public int record(DeploymentEvent deployment, Map<String, byte[]> contents, String deployedBy) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<Entry> entries = new ArrayList<>();
    for (Process p : deployment.getProcesses()) {
      entries.add(entry(Kind.PROCESS, p.getProcessDefinitionKey(), p.getBpmnProcessId(), p.getVersion(),
          deployment.getKey(), p.getResourceName(), contents, deployedBy, now));
    }
    for (DecisionRequirements d : deployment.getDecisionRequirements()) {
      entries.add(entry(Kind.DECISION_REQUIREMENTS, d.getDecisionRequirementsKey(), d.getDmnDecisionRequirementsId(),
          d.getVersion(), deployment.getKey(), d.getResourceName(), contents, deployedBy, now));
    }
    for (Form f : deployment.getForm()) {
      entries.add(entry(Kind.FORM, f.getFormKey(), f.getFormId(), f.getVersion(), deployment.getKey(),
          f.getResourceName(), contents, deployedBy, now));
    }
    int added = 0;
    for (Entry e : entries) {
      if (e.sha256() != null && insert(e)) {
        added++;
      }
    }
    return added;
  }

  private static Entry entry(Kind kind, long key, String id, int version, long deploymentKey, String resourceName,
      Map<String, byte[]> contents, String deployedBy, Instant at) {
    byte[] content = contents.get(resourceName);
    return new Entry(kind, key, cut(id), version, deploymentKey, cut(resourceName),
        content == null ? null : sha256(content), deployedBy, at);
  }

  private boolean insert(Entry e) {
    try {
      return jdbc.sql("""
              INSERT INTO deployment_log (kind, definition_key, definition_id, version, deployment_key, resource_name,
                sha256, deployed_by, deployed_at)
              SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS
                (SELECT 1 FROM deployment_log WHERE kind = ? AND definition_key = ?)""")
          .params(e.kind().name(), e.definitionKey(), e.definitionId(), e.version(), e.deploymentKey(),
              e.resourceName(), e.sha256(), e.deployedBy(), OffsetDateTime.ofInstant(e.deployedAt(), ZoneOffset.UTC),
              e.kind().name(), e.definitionKey())
          .update() == 1;
    } catch (DuplicateKeyException raced) {
      return false; // the same version recorded by a concurrent deployment of the same file
    }
  }

  /** The log's rows for these versions of one kind, by definition key (at most a page's worth of keys). */
  public Map<Long, Entry> find(Kind kind, Collection<Long> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    return jdbc.sql("SELECT * FROM deployment_log WHERE kind = :kind AND definition_key IN (:keys)")
        .param("kind", kind.name()).param("keys", List.copyOf(keys))
        .query((rs, n) -> row(rs)).list().stream()
        .collect(Collectors.toMap(Entry::definitionKey, Function.identity()));
  }

  /** The newest {@code limit} rows of a kind, newest version first within each id. */
  public List<Entry> list(Kind kind, int limit) {
    return jdbc.sql("SELECT * FROM deployment_log WHERE kind = ? ORDER BY definition_id, version DESC LIMIT ?")
        .params(kind.name(), limit).query((rs, n) -> row(rs)).list();
  }

  private static Entry row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new Entry(Kind.valueOf(rs.getString("kind")), rs.getLong("definition_key"), rs.getString("definition_id"),
        rs.getInt("version"), rs.getLong("deployment_key"), rs.getString("resource_name"), rs.getString("sha256"),
        rs.getString("deployed_by"), rs.getObject("deployed_at", OffsetDateTime.class).toInstant());
  }

  /** SHA-256 of the file, lower-case hex. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The engine allows longer ids than the log keeps; such an id is stored shortened, marked with "…". */
  static String cut(String value) {
    if (value == null) {
      return "";
    }
    return value.length() <= ID ? value : value.substring(0, ID - 1) + "…";
  }
}
