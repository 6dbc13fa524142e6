package cn.computeloan.workspace.task;

import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.credit.Violation;
import cn.computeloan.workspace.StaffMember;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The people's task API, the one place where their task rules live ({@link TaskWork}); the inbox
 * and task pages use it, and so may scripts (basic auth or a bearer token).
 */
@RestController
@RequestMapping(path = "/api/tasks", produces = "application/json")
@Tag(name = "Tasks", description = "The signed-in person's user tasks: list, claim, release, complete")
public class TaskController {

  private static final int MAX_FIELDS = 100;

  private final TaskList list;
  private final TaskWork work;
  private final ObjectMapper mapper;

  public TaskController(TaskList list, TaskWork work, ObjectMapper mapper) {
    this.list = list;
    this.work = work;
    this.mapper = mapper;
  }

  @GetMapping
  @Operation(summary = "Tasks of my groups and tasks assigned to me",
      description = "mine=all|assigned|unassigned|groups, state=CREATED|COMPLETED|CANCELED, process, application, "
          + "overdue=true, sort=dueDate|creationDate, order=asc|desc, page, size (1-100)")
  public TaskPage list(@RequestParam Map<String, String> params, Authentication user) {
    return list.list(StaffMember.of(user), TaskQuery.from(params));
  }

  @GetMapping("/{userTaskKey}")
  @Operation(summary = "One task: its form, the variables the form reads, due date, escalation note")
  public TaskDetail get(@PathVariable String userTaskKey, Authentication user) {
    return work.detail(StaffMember.of(user), key(userTaskKey));
  }

  @PostMapping("/{userTaskKey}/claim")
  @Operation(summary = "Claim an unassigned task of my groups for myself")
  public ResponseEntity<Void> claim(@PathVariable String userTaskKey, Authentication user) {
    work.claim(StaffMember.of(user), key(userTaskKey));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/{userTaskKey}/unclaim")
  @Operation(summary = "Release my own task")
  public ResponseEntity<Void> unclaim(@PathVariable String userTaskKey, Authentication user) {
    work.unclaim(StaffMember.of(user), key(userTaskKey));
    return ResponseEntity.noContent().build();
  }

  @PostMapping(path = "/{userTaskKey}/completion", consumes = "application/json")
  @Operation(summary = "Complete my task with the fields its form declares writable",
      description = "Body {\"variables\": {...}}. 400 names every field the form does not declare writable or whose "
          + "value breaks the form's rules; 409 when a listener denies (with its reason) or the task was completed "
          + "or reassigned meanwhile. Nothing is written on any refusal.")
  public ResponseEntity<Void> complete(@PathVariable String userTaskKey, @RequestBody JsonNode body,
      Authentication user) {
    work.complete(StaffMember.of(user), key(userTaskKey), variables(body));
    return ResponseEntity.noContent().build();
  }

  private Map<String, Object> variables(JsonNode body) {
    JsonNode variables = body == null ? null : body.get("variables");
    if (variables == null || !variables.isObject()) {
      throw new InvalidRequestException(List.of(new Violation("variables", "REQUIRED",
          "the body must be {\"variables\": {...}}")));
    }
    if (variables.size() > MAX_FIELDS) {
      throw new InvalidRequestException(List.of(new Violation("variables", "TOO_MANY",
          "at most " + MAX_FIELDS + " fields")));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    variables.fields().forEachRemaining(e -> values.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class)));
    return values;
  }

  static long key(String userTaskKey) {
    try {
      long key = Long.parseLong(userTaskKey);
      if (key > 0) {
        return key;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidRequestException(List.of(new Violation("userTaskKey", "INVALID_VALUE",
        "must be a positive whole number")));
  }
}
