package cn.computeloan.engine.journal;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.EngineCommand;
import cn.computeloan.engine.api.EngineCommand.*;
import cn.computeloan.engine.api.PublishMessageCommand;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The journal's JSON form of an {@link EngineCommand}: {@code {"type": name, ...fields}}, and for the
 * commands the API hands in whole (create-instance, activate-jobs, publish-message) {@code {"type":
 * name, "command": {...fields}}}. That is the form journals were written in when those commands
 * were wrapped, so older journals replay unchanged.
 */
public final class CommandCodec {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, Class<? extends EngineCommand>> TYPES = new LinkedHashMap<>();
  private static final Map<Class<?>, String> NAMES = new HashMap<>();
  private static final Map<Class<?>, ObjectWriter> WRITERS = new HashMap<>();
  /** Stored under a "command" field, as when they were wrapped. */
  private static final Set<Class<?>> NESTED =
      Set.of(CreateInstanceCommand.class, ActivateJobsCommand.class, PublishMessageCommand.class);

  static {
    type("deploy", Deploy.class);
    type("create-instance", CreateInstanceCommand.class);
    type("cancel-instance", CancelInstance.class);
    type("activate-jobs", ActivateJobsCommand.class);
    type("complete-job", CompleteJob.class);
    type("fail-job", FailJob.class);
    type("throw-error", ThrowError.class);
    type("update-job", UpdateJob.class);
    type("publish-message", PublishMessageCommand.class);
    type("correlate-message", CorrelateMessage.class);
    type("broadcast-signal", BroadcastSignal.class);
    type("resolve-incident", ResolveIncident.class);
    type("set-variables", SetVariables.class);
    type("complete-user-task", CompleteUserTask.class);
    type("assign-user-task", AssignUserTask.class);
    type("update-user-task", UpdateUserTask.class);
    type("evaluate-decision", EvaluateDecision.class);
    type("pin-clock", PinClock.class);
    type("add-clock-offset", AddClockOffset.class);
    type("reset-clock", ResetClock.class);
    type("purge", Purge.class);
    type("process-due", ProcessDue.class);
  }

  private CommandCodec() {}

  private static void type(String name, Class<? extends EngineCommand> type) {
    TYPES.put(name, type);
    NAMES.put(type, name);
    WRITERS.put(type, JSON.writerFor(type));
  }

  /** The journal's name of the command's type ({@code complete-job}), as in the stored entry. */
  public static String typeName(EngineCommand command) {
    String name = NAMES.get(command.getClass());
    if (name == null) {
      throw new IllegalArgumentException("The journal has no name for " + command.getClass().getName());
    }
    return name;
  }

  /** The names of all command types, in the journal's order. */
  static Map<String, Class<? extends EngineCommand>> types() {
    return TYPES;
  }

  public static String write(EngineCommand command) throws JsonProcessingException {
    String name = typeName(command);
    String fields = WRITERS.get(command.getClass()).writeValueAsString(command);
    StringBuilder json = new StringBuilder(fields.length() + name.length() + 24).append("{\"type\":\"").append(name)
        .append('"');
    if (NESTED.contains(command.getClass())) {
      return json.append(",\"command\":").append(fields).append('}').toString();
    }
    // fields is a JSON object: splice its members after the type
    return fields.length() > 2 ? json.append(',').append(fields, 1, fields.length()).toString()
        : json.append('}').toString();
  }

  public static EngineCommand read(String json) throws JsonProcessingException {
    JsonNode node = JSON.readTree(json);
    JsonNode type = node == null ? null : node.get("type");
    Class<? extends EngineCommand> target = type == null ? null : TYPES.get(type.asText());
    if (target == null) {
      throw new JsonMappingException(null, "Unknown journal command type " + type);
    }
    if (NESTED.contains(target)) {
      return JSON.treeToValue(node.get("command"), target);
    }
    ((ObjectNode) node).remove("type");
    return JSON.treeToValue(node, target);
  }
}
