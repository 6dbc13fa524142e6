package cn.computeloan.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The forms against the models and the workers: every user task links an existing form, has
 * candidate groups, a due date and an overdue timer; every variable a form reads is one the process
 * provides; every field a form writes is validated and read by the model.
 */
class FormVariablesTest {

  private static final Set<String> FEEL_WORDS = Set.of("for", "in", "return", "if", "then", "else", "some",
      "every", "satisfies", "and", "or", "not", "null", "true", "false", "item", "vote", "seat");
  private static final Pattern IDENTIFIER = Pattern.compile("\"[^\"]*\"|([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern WORKER_OUTPUT = Pattern.compile("(?:map\\(|put\\(|,\\s*)\"([a-z][A-Za-z0-9]*)\",");
  private final ObjectMapper json = new ObjectMapper();

  private static Map<String, BpmnModelInstance> models() throws IOException {
    Map<String, BpmnModelInstance> models = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
        models.put(Files.readString(file), Bpmn.readModelFromFile(file.toFile()));
      }
    }
    return models;
  }

  private Map<String, JsonNode> forms() throws IOException {
    Map<String, JsonNode> forms = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("forms"))) {
      for (Path file : files.toList()) {
        JsonNode form = json.readTree(file.toFile());
        forms.put(form.get("id").asText(), form);
      }
    }
    return forms;
  }

  /** Variable names the workers return (keys of their result maps, nested keys included). */
  private static Set<String> workerOutputs() throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/java/cn/computeloan/process/worker"))) {
      for (Path file : files.toList()) {
        Matcher m = WORKER_OUTPUT.matcher(Files.readString(file));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  private static Set<String> identifiers(String expression) {
    Set<String> names = new HashSet<>();
    Matcher m = IDENTIFIER.matcher(expression);
    Set<String> bound = new HashSet<>();
    Matcher loop = Pattern.compile("(?:for|some|every)\\s+([A-Za-z_]\\w*)\\s+in").matcher(expression);
    while (loop.find()) {
      bound.add(loop.group(1));
    }
    while (m.find()) {
      String name = m.group(1);
      int before = m.start() - 1;
      boolean member = before >= 0 && expression.charAt(before) == '.';
      boolean contextKey = expression.indexOf(':', m.end()) == m.end();
      if (name != null && !member && !contextKey && !FEEL_WORDS.contains(name) && !bound.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** Components of a form, groups flattened. */
  private static List<JsonNode> components(JsonNode node) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode c : node.path("components")) {
      all.add(c);
      all.addAll(components(c));
    }
    return all;
  }

  private static boolean writable(JsonNode c) {
    return c.has("key") && !c.path("readonly").asBoolean(false);
  }

  @Test
  void shouldLinkAnExistingFormWithGroupsDueDateAndOverdueTimerToEveryUserTask() throws IOException {
    Map<String, JsonNode> forms = forms();
    Set<String> used = new HashSet<>();
    for (BpmnModelInstance model : models().values()) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        String formId = task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId();
        used.add(formId);
        assertThat(forms).as(task.getId()).containsKey(formId);
        assertThat(task.getSingleExtensionElement(ZeebeAssignmentDefinition.class).getCandidateGroups())
            .as(task.getId()).isNotBlank();
        assertThat(task.getSingleExtensionElement(ZeebeTaskSchedule.class).getDueDate()).as(task.getId()).isNotBlank();
        assertThat(model.getModelElementsByType(BoundaryEvent.class).stream()
            .filter(b -> b.getAttachedTo() == task && !b.cancelActivity())
            .filter(b -> b.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance)))
            .as("overdue timer on " + task.getId()).hasSize(1);
      }
    }
    assertThat(used).as("forms no task uses").containsAll(forms.keySet());
  }

  /** The default duration of a timer: the ISO period in its expression ("P3D" of {@code =if … then "P3D" else …}). */
  private static java.time.Duration defaultDuration(BoundaryEvent timer) {
    String expression = timer.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
        .map(d -> ((TimerEventDefinition) d).getTimeDuration().getTextContent()).findFirst().orElseThrow();
    Matcher m = Pattern.compile("P\\d+D").matcher(expression);
    assertThat(m.find()).as("a default duration in " + expression).isTrue();
    return java.time.Duration.parse(m.group());
  }

  /**
   * Zeebe sets a completion's variables locally on a task that has output mappings and lets only
   * the mapped outputs reach the process; without output mappings they propagate to the process.
   * So a person's completion can change the process only through the outputs the model declares,
   * on a real cluster too (the security review's first finding).
   */
  @Test
  void shouldDeclareOutputMappingsOnEveryUserTaskSoThatCompletionVariablesStayLocal() throws IOException {
    for (BpmnModelInstance model : models().values()) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        var io = task.getSingleExtensionElement(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping.class);
        assertThat(io).as(task.getId() + " has an io mapping").isNotNull();
        assertThat(io.getOutputs()).as(task.getId() + " declares its outputs").isNotEmpty();
        boolean multiInstance = task.getLoopCharacteristics() != null;
        if (multiInstance) {
          // an inner instance's output mappings stay in its own scope only if the target is local
          for (var output : io.getOutputs()) {
            assertThat(io.getInputs()).as(task.getId() + ": output " + output.getTarget() + " is a local variable")
                .anySatisfy(input -> assertThat(input.getTarget()).isEqualTo(output.getTarget()));
          }
        }
      }
    }
  }

  @Test
  void shouldMoveEveryUserTaskUpALevelAfterItsAlertAndRecordTheMove() throws IOException {
    for (BpmnModelInstance model : models().values()) {
      for (UserTask task : model.getModelElementsByType(UserTask.class)) {
        List<BoundaryEvent> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
            .filter(b -> b.getAttachedTo() == task)
            .filter(b -> b.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance)).toList();
        BoundaryEvent alert = timers.stream().filter(b -> !b.cancelActivity()).findFirst().orElseThrow();
        List<BoundaryEvent> moveUp = timers.stream().filter(BoundaryEvent::cancelActivity).toList();
        assertThat(moveUp).as("interrupting move-up timer on " + task.getId()).hasSize(1);
        assertThat(defaultDuration(moveUp.get(0))).as("move-up after the alert on " + task.getId())
            .isGreaterThan(defaultDuration(alert));

        // the move is recorded, naming the task, the group it leaves and the one it goes to
        var recorded = moveUp.get(0).getOutgoing().iterator().next().getTarget();
        assertThat(recorded).as(task.getId()).isInstanceOf(IntermediateThrowEvent.class);
        assertThat(recorded.getSingleExtensionElement(ZeebeTaskDefinition.class).getType())
            .isEqualTo("record-task-moved-up");
        Map<String, String> headers = new java.util.HashMap<>();
        recorded.getSingleExtensionElement(ZeebeTaskHeaders.class).getHeaders()
            .forEach(h -> headers.put(h.getKey(), h.getValue()));
        String groups = task.getSingleExtensionElement(ZeebeAssignmentDefinition.class).getCandidateGroups();
        assertThat(headers).as(task.getId()).containsEntry("task", task.getId());
        assertThat(groups).as(task.getId()).contains(headers.get("from"));
        assertThat(headers.get("to")).as(task.getId()).isNotEqualTo(headers.get("from"));

        // and the work goes on a level up: the same task for the higher group, or the higher task
        var next = (UserTask) recorded.getOutgoing().iterator().next().getTarget();
        String nextGroups = next.getSingleExtensionElement(ZeebeAssignmentDefinition.class).getCandidateGroups();
        if (next == task) {
          assertThat(groups).as(task.getId()).contains("movedUp." + task.getId() + " = true then [\"" + headers.get("to"));
        } else {
          assertThat(nextGroups).as(task.getId()).contains(headers.get("to"));
          assertThat(next.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId()).startsWith(
              task.getSingleExtensionElement(ZeebeFormDefinition.class).getFormId().replaceAll("-at-.*|-in-.*", ""));
        }
      }
    }
  }

  @Test
  void shouldReadOnlyVariablesTheProcessProvides() throws IOException {
    Set<String> provided = new HashSet<>(workerOutputs());
    provided.add("applicationId");
    Pattern target = Pattern.compile("(?:target|resultVariable|outputCollection)=\"([A-Za-z_][A-Za-z0-9_]*)\"");
    for (String xml : models().keySet()) {
      Matcher m = target.matcher(xml);
      while (m.find()) {
        provided.add(m.group(1));
      }
    }
    for (JsonNode form : forms().values()) {
      Set<String> read = new HashSet<>();
      for (JsonNode c : components(form)) {
        if (c.has("key") && c.path("readonly").asBoolean(false)) {
          read.add(c.get("key").asText());
        }
        if (c.has("dataSource")) {
          read.addAll(identifiers(c.get("dataSource").asText()));
        }
        if (c.has("text")) {
          Matcher m = TEMPLATE.matcher(c.get("text").asText());
          while (m.find()) {
            read.add(m.group(1));
          }
        }
      }
      assertThat(provided).as("variables read by form " + form.get("id")).containsAll(read);
    }
  }

  @Test
  void shouldValidateEveryFieldAFormWritesAndHaveTheModelReadIt() throws IOException {
    String allModels = String.join("\n", models().keySet());
    for (JsonNode form : forms().values()) {
      for (JsonNode c : components(form).stream().filter(FormVariablesTest::writable).toList()) {
        String key = c.get("key").asText();
        String where = form.get("id").asText() + "." + key;
        assertThat(c.path("validate").size()).as("validation of " + where).isPositive();
        assertThat(c.path("label").asText()).as("Chinese label of " + where).matches(".*\\p{IsHan}.*");
        assertThat(c.path("description").asText()).as("English description of " + where).matches(".*[A-Za-z].*");
        assertThat(allModels).as("a model reads " + where).containsPattern("[=\\s(,{:]" + key + "\\b");
      }
    }
  }

  @Test
  void shouldOfferApprovalDecisionsAndCapTheApprovedAmountAtTheProposedLimit() throws IOException {
    for (String id : List.of("approve-at-branch", "approve-at-head-office", "approve-in-committee")) {
      List<JsonNode> fields = components(forms().get(id));
      JsonNode decision = fields.stream().filter(c -> "decision".equals(c.path("key").asText())).findFirst().orElseThrow();
      JsonNode amount = fields.stream().filter(c -> "approvedAmount".equals(c.path("key").asText())).findFirst().orElseThrow();
      assertThat(decision.path("values").findValuesAsText("value")).containsExactly("APPROVE", "REJECT", "RETURN");
      assertThat(decision.path("validate").path("required").asBoolean()).isTrue();
      assertThat(amount.path("validate").path("max").asText()).isEqualTo("=proposedLimit");
      assertThat(amount.path("validate").path("min").asInt()).isPositive();
    }
  }
}
