package cn.computeloan.workspace.cases;

import cn.computeloan.application.AuditVerification;
import cn.computeloan.application.CaseFileVerifier;
import cn.computeloan.application.api.ApplicationDetails;
import cn.computeloan.application.api.ApplicationViews.ApprovalView;
import cn.computeloan.application.audit.AuditEvent;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StepRecord;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.workspace.web.CasePanel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Variable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything the case page shows, read from the case file (application, steps, votes, documents,
 * escalations), the audit trail with its verification, and which process instances belong to the
 * application: its approval process and, once disbursed, its post-loan monitoring (found by the
 * {@code applicationId} variable the monitoring process is started with).
 */
@Component
public class CaseRecord {

  /** More instances than this per application would be a modelling error; the page lists these. */
  static final int MAX_INSTANCES = 20;

  private final ApplicationStore store;
  private final ApplicationDetails details;
  private final AuditTrail audit;
  private final CaseFileVerifier verifier;
  private final ObjectMapper mapper;
  private final CamundaClient client;

  public CaseRecord(ApplicationStore store, ApplicationDetails details, AuditTrail audit, CaseFileVerifier verifier,
      ObjectMapper mapper, @Lazy CamundaClient client) {
    this.store = store;
    this.details = details;
    this.audit = audit;
    this.verifier = verifier;
    this.mapper = mapper;
    this.client = client;
  }

  /** An escalation of the case: a supervisor alerted about an overdue task, or a task moved up a level. */
  public record Escalation(Instant at, String kind, String task, String fromGroup, String toGroup, String actor) {}

  /** A process instance of the application, for the trace's tabs. */
  public record Instance(long key, boolean approval) {}

  public record View(StoredApplication application, CasePanel panel, List<AuditEvent> events,
      AuditVerification verification, Map<Integer, List<ApprovalView>> rounds, List<Escalation> escalations) {}

  public Optional<StoredApplication> find(String applicationId) {
    return store.find(applicationId);
  }

  @Transactional(readOnly = true)
  public Optional<View> view(String applicationId) {
    return store.find(applicationId).flatMap(a -> details.find(applicationId).map(detail -> {
      Map<Integer, List<ApprovalView>> rounds = new TreeMap<>();
      for (ApprovalView v : detail.approvals()) {
        rounds.computeIfAbsent(v.round() == null ? 0 : v.round(), k -> new ArrayList<>()).add(v);
      }
      return new View(a, CasePanel.of(detail, mapper), audit.events(applicationId),
          verifier.verify(applicationId).orElseThrow(), rounds, escalations(applicationId));
    }));
  }

  public List<AuditEvent> events(String applicationId) {
    return audit.events(applicationId);
  }

  private List<Escalation> escalations(String applicationId) {
    List<Escalation> found = new ArrayList<>();
    for (StepRecord s : store.steps(applicationId, "ESCALATION")) {
      JsonNode r = read(s.result());
      found.add(new Escalation(s.recordedAt(), r.path("kind").asText(), r.path("overdueTask").asText(null),
          r.path("fromGroup").asText(null), r.path("toGroup").asText(null), s.actor()));
    }
    return found;
  }

  /**
   * The application's process instances: the approval instance first, then those started for it
   * later (post-loan monitoring), found by their {@code applicationId} variable.
   */
  public List<Instance> instances(StoredApplication a) {
    List<Instance> found = new ArrayList<>();
    if (a.processInstanceKey() == null) {
      return found;
    }
    found.add(new Instance(a.processInstanceKey(), true));
    List<Variable> linked = client.newVariableSearchRequest()
        .filter(f -> f.name("applicationId").value("\"" + a.id() + "\""))
        .page(p -> p.limit(MAX_INSTANCES)).send().join().items();
    linked.stream().filter(v -> v.getScopeKey().equals(v.getProcessInstanceKey()))
        .map(Variable::getProcessInstanceKey).filter(k -> !k.equals(a.processInstanceKey())).distinct().sorted()
        .forEach(k -> found.add(new Instance(k, false)));
    return found;
  }

  private JsonNode read(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored step result unreadable", e);
    }
  }
}
