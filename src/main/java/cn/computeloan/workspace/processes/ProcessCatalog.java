package cn.computeloan.workspace.processes;

import cn.computeloan.workspace.processes.DeploymentLog.Entry;
import cn.computeloan.workspace.processes.DeploymentLog.Kind;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.DecisionRequirements;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * What is deployed, read through the Camunda client (so the same on the embedded engine and a
 * cluster) and joined with the {@link DeploymentLog}: processes and decision requirements (DMN files)
 * with every version, instance counts per process version; forms, which the engine's API cannot
 * list, from the log.
 */
@Service
public class ProcessCatalog {

  /** Versions read per kind; more are not listed (the page says so). */
  static final int MAX_VERSIONS = 200;
  /** Process versions whose instances are counted (three searches each, one result each). */
  static final int COUNTED_VERSIONS = 50;

  /** Running, completed and cancelled instances of a process version. */
  public record Counts(long running, long completed, long terminated) {}

  /** One deployed version; {@code logged} is null when it was deployed by other means. */
  public record Version(long key, String id, String name, int version, String versionTag, String resourceName,
      Entry logged, Counts counts) {}

  /** All versions of one id, newest first. */
  public record Definition(String id, String name, List<Version> versions) {
    public Version latest() {
      return versions.get(0);
    }
  }

  public record Listing(List<Definition> definitions, boolean truncated) {}

  private final ObjectProvider<CamundaClient> client;
  private final DeploymentLog log;

  public ProcessCatalog(ObjectProvider<CamundaClient> client, DeploymentLog log) {
    this.client = client;
    this.log = log;
  }

  public Listing processes() {
    var page = client.getObject().newProcessDefinitionSearchRequest().page(p -> p.limit(MAX_VERSIONS)).send().join();
    List<ProcessDefinition> found = page.items();
    Map<Long, Entry> logged = log.find(Kind.PROCESS, found.stream().map(ProcessDefinition::getProcessDefinitionKey).toList());
    List<ProcessDefinition> sorted = found.stream().sorted(Comparator.comparing(ProcessDefinition::getProcessDefinitionId)
        .thenComparing(ProcessDefinition::getVersion, Comparator.reverseOrder())).toList();
    List<Version> versions = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      ProcessDefinition d = sorted.get(i);
      versions.add(new Version(d.getProcessDefinitionKey(), d.getProcessDefinitionId(), d.getName(), d.getVersion(),
          d.getVersionTag(), d.getResourceName(), logged.get(d.getProcessDefinitionKey()),
          i < COUNTED_VERSIONS ? counts(d.getProcessDefinitionKey()) : null));
    }
    return new Listing(group(versions), more(page.page().totalItems(), found.size()));
  }

  public Listing decisions() {
    var page = client.getObject().newDecisionRequirementsSearchRequest().page(p -> p.limit(MAX_VERSIONS)).send().join();
    List<DecisionRequirements> found = page.items();
    Map<Long, Entry> logged = log.find(Kind.DECISION_REQUIREMENTS,
        found.stream().map(DecisionRequirements::getDecisionRequirementsKey).toList());
    List<Version> versions = found.stream().map(d -> new Version(d.getDecisionRequirementsKey(),
        d.getDmnDecisionRequirementsId(), d.getDmnDecisionRequirementsName(), d.getVersion(), null, d.getResourceName(),
        logged.get(d.getDecisionRequirementsKey()), null)).toList();
    return new Listing(group(versions), more(page.page().totalItems(), found.size()));
  }

  /** Forms: the engine's API finds a form only by key, so only the versions the log recorded are listed. */
  public Listing forms() {
    List<Entry> found = log.list(Kind.FORM, MAX_VERSIONS + 1);
    List<Version> versions = found.stream().limit(MAX_VERSIONS).map(e -> new Version(e.definitionKey(), e.definitionId(), e.definitionId(),
        e.version(), null, e.resourceName(), e, null)).toList();
    return new Listing(group(versions), found.size() > MAX_VERSIONS);
  }

  /** A process version and its BPMN XML. */
  public record Diagram(Version version, String xml) {}

  public Diagram diagram(long processDefinitionKey) {
    CamundaClient camunda = client.getObject();
    ProcessDefinition d = camunda.newProcessDefinitionGetRequest(processDefinitionKey).send().join();
    String xml = camunda.newProcessDefinitionGetXmlRequest(processDefinitionKey).send().join();
    Version version = new Version(d.getProcessDefinitionKey(), d.getProcessDefinitionId(), d.getName(), d.getVersion(),
        d.getVersionTag(), d.getResourceName(), log.find(Kind.PROCESS, List.of(processDefinitionKey))
            .get(processDefinitionKey), counts(processDefinitionKey));
    return new Diagram(version, xml);
  }

  /** A DMN file's version, its decision tables, and the SHA-256 of the XML the engine holds. */
  public record DecisionFile(Version version, List<DmnTables.Decision> decisions, String engineSha256) {}

  public DecisionFile decisionFile(long decisionRequirementsKey) {
    CamundaClient camunda = client.getObject();
    var d = camunda.newDecisionRequirementsGetRequest(decisionRequirementsKey).send().join();
    String xml = camunda.newDecisionRequirementsGetXmlRequest(decisionRequirementsKey).send().join();
    Version version = new Version(d.getDecisionRequirementsKey(), d.getDmnDecisionRequirementsId(),
        d.getDmnDecisionRequirementsName(), d.getVersion(), null, d.getResourceName(),
        log.find(Kind.DECISION_REQUIREMENTS, List.of(decisionRequirementsKey)).get(decisionRequirementsKey), null);
    return new DecisionFile(version, DmnTables.parse(xml),
        DeploymentLog.sha256(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private Counts counts(long processDefinitionKey) {
    return new Counts(count(processDefinitionKey, ProcessInstanceState.ACTIVE),
        count(processDefinitionKey, ProcessInstanceState.COMPLETED),
        count(processDefinitionKey, ProcessInstanceState.TERMINATED));
  }

  private long count(long processDefinitionKey, ProcessInstanceState state) {
    Long total = client.getObject().newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(processDefinitionKey).state(state))
        .page(p -> p.limit(1)).send().join().page().totalItems();
    return total == null ? 0 : total;
  }

  private static boolean more(Long total, int listed) {
    return total != null && total > listed;
  }

  /** Versions grouped by id (ids in order), newest version first. */
  private static List<Definition> group(List<Version> versions) {
    Map<String, List<Version>> byId = new LinkedHashMap<>();
    versions.stream().sorted(Comparator.comparing(Version::id).thenComparing(Version::version, Comparator.reverseOrder()))
        .forEach(v -> byId.computeIfAbsent(v.id(), id -> new ArrayList<>()).add(v));
    return byId.values().stream().map(vs -> new Definition(vs.get(0).id(), vs.get(0).name(), vs)).toList();
  }
}
