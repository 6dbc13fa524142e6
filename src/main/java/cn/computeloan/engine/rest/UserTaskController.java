package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.UserTaskUpdate;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.search.SearchableEntity;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * User tasks: search, get, form, variables, and the commands (complete, assign, unassign,
 * update). The authenticated user, if any, is the command's actor.
 */
@RestController
@ConditionalOnEmbeddedEngine
public class UserTaskController {

  private final EngineAccess engine;
  private final ReadModel readModel;

  public UserTaskController(EngineAccess engine, ReadModel readModel) {
    this.engine = engine;
    this.readModel = readModel;
  }

  @PostMapping("/v2/user-tasks/search")
  public Map<String, Object> search(@RequestBody(required = false) JsonNode body) {
    return Searches.response(readModel.search(SearchableEntity.USER_TASK, Searches.query(body)));
  }

  @GetMapping("/v2/user-tasks/{key}")
  public Map<String, Object> get(@PathVariable String key) {
    long userTaskKey = PathKeys.parse(key, "userTaskKey");
    return PathKeys.found(readModel.get(SearchableEntity.USER_TASK, userTaskKey), "User task", userTaskKey);
  }

  /** The task's linked form, or 204 when it links none. */
  @GetMapping("/v2/user-tasks/{key}/form")
  public ResponseEntity<Map<String, Object>> form(@PathVariable String key) {
    Object formKey = get(key).get("formKey");
    if (formKey == null) {
      return ResponseEntity.noContent().build();
    }
    return readModel.get(SearchableEntity.FORM, formKey.toString())
        .map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.noContent().build());
  }

  @PostMapping("/v2/user-tasks/{key}/variables/search")
  public Map<String, Object> variables(@PathVariable String key, @RequestBody(required = false) JsonNode body,
      @RequestParam(name = "truncateValues", required = false) Boolean truncateValues) {
    get(key);
    return VariableController.fullValuesUnless(truncateValues,
        Searches.response(readModel.userTaskVariables(PathKeys.parse(key, "userTaskKey"), Searches.query(body))),
        readModel);
  }

  @PostMapping("/v2/user-tasks/{key}/completion")
  public DeferredResult<ResponseEntity<Void>> complete(
      @PathVariable String key, @RequestBody(required = false) JsonNode requestBody, HttpServletRequest request) {
    JsonNode body = JsonBodies.orEmpty(requestBody);
    return answered(engine.commands().completeUserTask(
        PathKeys.parse(key, "userTaskKey"),
        JsonBodies.map(body, "variables"),
        JsonBodies.text(body, "action", "complete"),
        actor(request)));
  }

  @PostMapping("/v2/user-tasks/{key}/assignment")
  public DeferredResult<ResponseEntity<Void>> assign(@PathVariable String key, @RequestBody JsonNode body, HttpServletRequest request) {
    Boolean allowOverride = JsonBodies.optionalBoolean(body, "allowOverride");
    return answered(engine.commands().assignUserTask(
        PathKeys.parse(key, "userTaskKey"),
        JsonBodies.requiredText(body, "assignee"),
        JsonBodies.text(body, "action", "assign"),
        allowOverride == null || allowOverride,
        actor(request)));
  }

  @DeleteMapping("/v2/user-tasks/{key}/assignee")
  public DeferredResult<ResponseEntity<Void>> unassign(@PathVariable String key, HttpServletRequest request) {
    return answered(engine.commands().unassignUserTask(PathKeys.parse(key, "userTaskKey"), "unassign", actor(request)));
  }

  @PatchMapping("/v2/user-tasks/{key}")
  public DeferredResult<ResponseEntity<Void>> update(
      @PathVariable String key, @RequestBody(required = false) JsonNode requestBody, HttpServletRequest request) {
    JsonNode body = JsonBodies.orEmpty(requestBody);
    JsonNode changeset = JsonBodies.orEmpty(body.get("changeset"));
    UserTaskUpdate update = new UserTaskUpdate(
        JsonBodies.text(changeset, "dueDate", null),
        JsonBodies.text(changeset, "followUpDate", null),
        JsonBodies.strings(changeset, "candidateGroups"),
        JsonBodies.strings(changeset, "candidateUsers"),
        JsonBodies.optionalInt(changeset, "priority"),
        JsonBodies.text(body, "action", "update"));
    return answered(engine.commands().updateUserTask(PathKeys.parse(key, "userTaskKey"), update, actor(request)));
  }

  /** 204 once the task's listeners have run; 409 when one denied; 504 when they never finish in time. */
  private static DeferredResult<ResponseEntity<Void>> answered(CompletableFuture<Void> outcome) {
    return AsyncAnswers.answer(outcome, JobController.DEFAULT_REQUEST_TIMEOUT_MILLIS, null,
        done -> ResponseEntity.noContent().build());
  }

  private static String actor(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    return principal == null ? null : principal.getName();
  }
}
