package cn.computeloan.engine.query.projection;

import cn.computeloan.engine.query.search.Document;
import cn.computeloan.engine.query.search.DocumentIndex;
import cn.computeloan.engine.query.search.FieldCondition;
import cn.computeloan.engine.query.search.Keys;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ResourceValue;
import cn.computeloan.engine.record.ValueType;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployed definitions: processes, decisions, decision requirements graphs and forms, with the
 * deployed resource text of each.
 */
public final class DefinitionProjection {

  public final DocumentIndex processes = new DocumentIndex();
  public final DocumentIndex decisions = new DocumentIndex();
  public final DocumentIndex requirements = new DocumentIndex();
  public final DocumentIndex forms = new DocumentIndex();

  public final Map<Long, ResourceValue> resources = new HashMap<>();
  public final Map<Long, ValueType> kinds = new HashMap<>();
  public final Map<Long, String> startFormIds = new HashMap<>();

  public DefinitionProjection() {
    processes.withFilter("isLatestVersion", (document, condition, context) -> {
      boolean latest = isLatestProcessVersion(document);
      return FieldCondition.evaluate(condition, latest);
    });
  }

  public void apply(Record record) {
    if (!"CREATED".equals(record.intent()) || !(record.value() instanceof ResourceValue value)) {
      return;
    }
    long key = value.definitionKey() > 0 ? value.definitionKey() : record.key();
    switch (record.valueType()) {
      case PROCESS -> addProcess(key, value);
      case DECISION -> decisions.upsert(key)
          .put("decisionDefinitionId", value.resourceId())
          .put("name", value.name())
          .put("version", value.version())
          .put("decisionRequirementsId", value.decisionRequirementsId())
          .put("tenantId", value.tenantId())
          .put("decisionDefinitionKey", Keys.key(key))
          .put("decisionRequirementsKey", Keys.key(value.decisionRequirementsKey()));
      case DECISION_REQUIREMENTS -> requirements.upsert(key)
          .put("decisionRequirementsName", value.name())
          .put("version", value.version())
          .put("decisionRequirementsId", value.resourceId())
          .put("resourceName", value.resourceName())
          .put("tenantId", value.tenantId())
          .put("decisionRequirementsKey", Keys.key(key));
      case FORM -> forms.upsert(key)
          .put("tenantId", value.tenantId())
          .put("formId", value.resourceId())
          .put("schema", value.resource())
          .put("version", value.version())
          .put("formKey", Keys.key(key));
      default -> {
        return;
      }
    }
    resources.put(key, value);
    kinds.put(key, record.valueType());
  }

  private void addProcess(long key, ResourceValue value) {
    Optional<String> startFormId = StartForms.formId(value.resource(), value.resourceId());
    startFormId.ifPresent(formId -> startFormIds.put(key, formId));
    processes.upsert(key)
        .put("name", value.name())
        .put("resourceName", value.resourceName())
        .put("version", value.version())
        .put("versionTag", Keys.blankToNull(value.versionTag()))
        .put("processDefinitionId", value.resourceId())
        .put("tenantId", value.tenantId())
        .put("processDefinitionKey", Keys.key(key))
        .put("hasStartForm", startFormId.isPresent());
  }

  private boolean isLatestProcessVersion(Document process) {
    Object id = process.get("processDefinitionId");
    Object tenant = process.get("tenantId");
    int version = (Integer) process.get("version");
    return processes.all().stream()
        .filter(other -> id.equals(other.get("processDefinitionId")))
        .filter(other -> Objects.equals(tenant, other.get("tenantId")))
        .allMatch(other -> (Integer) other.get("version") <= version);
  }

  /** The deployed resource (any kind of definition) by its definition key. */
  public Optional<ResourceValue> resource(long definitionKey) {
    return Optional.ofNullable(resources.get(definitionKey));
  }

  public Optional<ValueType> kind(long definitionKey) {
    return Optional.ofNullable(kinds.get(definitionKey));
  }

  Optional<ResourceValue> process(long processDefinitionKey) {
    return kind(processDefinitionKey).filter(ValueType.PROCESS::equals).flatMap(k -> resource(processDefinitionKey));
  }

  /** The process's name, falling back to its id as Operate does. */
  String processName(long processDefinitionKey, String bpmnProcessId) {
    return process(processDefinitionKey)
        .map(ResourceValue::name)
        .filter(name -> !name.isBlank())
        .orElse(bpmnProcessId);
  }

  String versionTag(long processDefinitionKey) {
    return process(processDefinitionKey).map(ResourceValue::versionTag).map(Keys::blankToNull).orElse(null);
  }

  public Optional<Document> startForm(long processDefinitionKey) {
    String formId = startFormIds.get(processDefinitionKey);
    if (formId == null) {
      return Optional.empty();
    }
    String tenantId = process(processDefinitionKey).map(ResourceValue::tenantId).orElse(null);
    return latestForm(formId, tenantId);
  }

  Optional<Document> latestForm(String formId, String tenantId) {
    return forms.all().stream()
        .filter(form -> formId.equals(form.get("formId")))
        .filter(form -> tenantId == null || tenantId.equals(form.get("tenantId")))
        .max(Comparator.comparingInt(form -> (Integer) form.get("version")));
  }

  public void clear() {
    processes.clear();
    decisions.clear();
    requirements.clear();
    forms.clear();
    resources.clear();
    kinds.clear();
    startFormIds.clear();
  }
}
