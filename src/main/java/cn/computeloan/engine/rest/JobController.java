package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.JobResult;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** Jobs: long-polling activation, completion, failure, BPMN errors, updates and search. */
@RestController
@ConditionalOnEmbeddedEngine
public class JobController {

  /** Camunda's long-polling default when the request sets no (or a zero) timeout. */
  static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;

  private final EngineAccess engine;
  private final ReadModel readModel;

  public JobController(EngineAccess engine, ReadModel readModel) {
    this.engine = engine;
    this.readModel = readModel;
  }

  /**
   * Answers at once when jobs are there (a {@code Map}), otherwise long-polls (a {@link DeferredResult}),
   * see {@link AsyncAnswers#answerNowOrLater}.
   */
  @PostMapping("/v2/jobs/activation")
  public Object activate(@RequestBody JsonNode body) {
    String type = JsonBodies.requiredText(body, "type");
    Integer maxJobs = JsonBodies.optionalInt(body, "maxJobsToActivate");
    if (maxJobs == null || maxJobs < 1) {
      throw new InvalidRequestException("Expected maxJobsToActivate to be greater than 0");
    }
    long requested = JsonBodies.longValue(body, "requestTimeout", 0);
    // 0 means the default long poll, a negative value no long polling at all.
    long requestTimeout = requested == 0 ? DEFAULT_REQUEST_TIMEOUT_MILLIS : Math.max(requested, 0);
    List<String> fetch = JsonBodies.strings(body, "fetchVariable");
    List<String> tenants = JsonBodies.strings(body, "tenantIds");
    ActivateJobsCommand command = new ActivateJobsCommand(
        type,
        JsonBodies.text(body, "worker", "default"),
        JsonBodies.longValue(body, "timeout", 300_000),
        maxJobs,
        requestTimeout,
        fetch == null ? List.of() : fetch,
        tenants == null || tenants.isEmpty() ? List.of("<default>") : tenants);
    return AsyncAnswers.answerNowOrLater(
        engine.commands().activateJobs(command),
        requestTimeout,
        () -> Map.of("jobs", List.of()),
        jobs -> Map.of("jobs", jobs.stream().map(JobController::toJson).toList()));
  }

  @PostMapping("/v2/jobs/{jobKey}/completion")
  public ResponseEntity<Void> complete(@PathVariable String jobKey, @RequestBody(required = false) JsonNode requestBody) {
    JsonNode body = JsonBodies.orEmpty(requestBody);
    engine.commands().completeJob(PathKeys.parse(jobKey, "jobKey"), JsonBodies.map(body, "variables"), result(body.get("result")));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v2/jobs/{jobKey}/failure")
  public ResponseEntity<Void> fail(@PathVariable String jobKey, @RequestBody(required = false) JsonNode requestBody) {
    JsonNode body = JsonBodies.orEmpty(requestBody);
    Integer retries = JsonBodies.optionalInt(body, "retries");
    engine.commands().failJob(
        PathKeys.parse(jobKey, "jobKey"),
        retries == null ? 0 : retries,
        JsonBodies.text(body, "errorMessage", ""),
        JsonBodies.longValue(body, "retryBackOff", 0),
        JsonBodies.map(body, "variables"));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v2/jobs/{jobKey}/error")
  public ResponseEntity<Void> throwError(@PathVariable String jobKey, @RequestBody JsonNode body) {
    engine.commands().throwError(
        PathKeys.parse(jobKey, "jobKey"),
        JsonBodies.requiredText(body, "errorCode"),
        JsonBodies.text(body, "errorMessage", ""),
        JsonBodies.map(body, "variables"));
    return ResponseEntity.noContent().build();
  }

  @PatchMapping("/v2/jobs/{jobKey}")
  public ResponseEntity<Void> update(@PathVariable String jobKey, @RequestBody JsonNode body) {
    JsonNode changeset = body.get("changeset");
    if (changeset == null || changeset.isNull()) {
      throw InvalidRequestException.missing("changeset");
    }
    Integer retries = JsonBodies.optionalInt(changeset, "retries");
    Long timeout = JsonBodies.has(changeset, "timeout") ? JsonBodies.longValue(changeset, "timeout", 0) : null;
    if (retries == null && timeout == null) {
      throw new InvalidRequestException("No update provided: the changeset needs retries or timeout");
    }
    engine.commands().updateJob(PathKeys.parse(jobKey, "jobKey"), retries, timeout);
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/v2/jobs/search")
  public Map<String, Object> search(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.JOB, Searches.query(body)));
  }

  /** The optional result of a task-listener job: denial or corrections of the user task. */
  @SuppressWarnings("unchecked")
  private static JobResult result(JsonNode result) {
    if (result == null || result.isNull()) {
      return JobResult.none();
    }
    Map<String, Object> corrections = JsonBodies.map(result, "corrections");
    Map<String, Object> given = new LinkedHashMap<>();
    corrections.forEach((name, value) -> {
      if (value != null) {
        given.put(name, value);
      }
    });
    return new JobResult(
        Boolean.TRUE.equals(JsonBodies.optionalBoolean(result, "denied")),
        JsonBodies.text(result, "deniedReason", null),
        given);
  }

  static Map<String, Object> toJson(ActivatedJob job) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("jobKey", Long.toString(job.jobKey()));
    json.put("type", job.type());
    json.put("processInstanceKey", Long.toString(job.processInstanceKey()));
    json.put("processDefinitionId", job.processDefinitionId());
    json.put("processDefinitionVersion", job.processDefinitionVersion());
    json.put("processDefinitionKey", Long.toString(job.processDefinitionKey()));
    json.put("elementId", job.elementId());
    json.put("elementInstanceKey", Long.toString(job.elementInstanceKey()));
    json.put("customHeaders", job.customHeaders() == null ? Map.of() : job.customHeaders());
    json.put("worker", job.worker());
    json.put("retries", job.retries());
    json.put("deadline", job.deadline());
    json.put("variables", job.variables() == null ? Map.of() : job.variables());
    json.put("tenantId", job.tenantId());
    json.put("kind", job.kind());
    json.put("listenerEventType", job.listenerEventType());
    json.put("tags", List.of());
    if (job.userTask() != null) {
      json.put("userTask", userTask(job.userTask()));
    }
    return json;
  }

  private static Map<String, Object> userTask(ActivatedJob.UserTaskProperties task) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("action", task.action());
    json.put("assignee", task.assignee());
    json.put("candidateGroups", task.candidateGroups() == null ? List.of() : task.candidateGroups());
    json.put("candidateUsers", task.candidateUsers() == null ? List.of() : task.candidateUsers());
    json.put("changedAttributes", task.changedAttributes() == null ? List.of() : task.changedAttributes());
    json.put("dueDate", task.dueDate());
    json.put("followUpDate", task.followUpDate());
    json.put("formKey", task.formKey() > 0 ? Long.toString(task.formKey()) : null);
    json.put("priority", task.priority());
    json.put("userTaskKey", Long.toString(task.userTaskKey()));
    return json;
  }
}
