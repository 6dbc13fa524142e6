package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.model.ElementKind;
import cn.computeloan.engine.model.EventType;
import cn.computeloan.engine.model.ExecutableFlow;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.record.*;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.Incident;
import cn.computeloan.engine.state.Job;
import cn.computeloan.engine.state.Message;
import cn.computeloan.engine.state.Timer;
import cn.computeloan.engine.state.UserTask;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the records of the command being processed, in order, with Zeebe's intents. */
public final class RecordWriter {

  public static final String TENANT = "<default>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineClock clock;
  private long position;
  private List<Record> batch = new ArrayList<>();

  public RecordWriter(EngineClock clock) {
    this.clock = clock;
  }

  /** The position of the last record written. */
  public long position() {
    return position;
  }

  /** Continues the record positions after {@code value} (restoring a snapshot). */
  public void restorePosition(long value) {
    this.position = value;
  }

  /** Hands over the records written since the last call. */
  public List<Record> drain() {
    List<Record> result = batch;
    batch = new ArrayList<>();
    return result;
  }

  public void append(long key, ValueType type, String intent, RecordValue value) {
    batch.add(new Record(++position, key, clock.millis(), RecordType.EVENT, type, intent, value));
  }

  public void rejection(long key, ValueType type, String intent, RecordValue value) {
    batch.add(new Record(++position, key, clock.millis(), RecordType.COMMAND_REJECTION, type, intent, value));
  }

  public void element(String intent, ElementInstance instance) {
    ExecutableProcess p = instance.process();
    var element = instance.element();
    String eventType = element.eventType() == EventType.UNSPECIFIED ? "UNSPECIFIED" : element.eventType().name();
    append(instance.key(), ValueType.PROCESS_INSTANCE, intent, new ProcessInstanceValue(
        p.bpmnProcessId(), p.version(), p.key(), instance.processInstanceKey(), element.id(), element.name(),
        instance.flowScopeKey(), element.kind().name(), eventType,
        root(instance).parentProcessInstanceKey(), root(instance).parentElementInstanceKey(), TENANT));
  }

  public void sequenceFlow(long key, ExecutableFlow flow, ElementInstance scope) {
    ExecutableProcess p = scope.process();
    append(key, ValueType.PROCESS_INSTANCE, "SEQUENCE_FLOW_TAKEN", new ProcessInstanceValue(
        p.bpmnProcessId(), p.version(), p.key(), scope.processInstanceKey(), flow.id(), null,
        scope.key(), ElementKind.SEQUENCE_FLOW.name(), "UNSPECIFIED",
        root(scope).parentProcessInstanceKey(), root(scope).parentElementInstanceKey(), TENANT));
  }

  public void job(String intent, Job job, Map<String, Object> variables) {
    ElementInstance instance = job.elementInstance();
    ExecutableProcess p = instance.process();
    append(job.key(), ValueType.JOB, intent, new JobValue(job.type(), job.worker(), job.retries(), job.deadline(),
        0, job.backoffUntil(), job.errorMessage(), job.errorCode(), job.customHeaders(),
        variables == null ? Map.of() : variables, job.kind(), job.listenerEventType(), instance.element().id(),
        instance.key(), p.bpmnProcessId(), p.version(), p.key(), instance.processInstanceKey(), TENANT));
  }

  public void variable(String intent, long key, String name, Object value, ElementInstance scope) {
    ExecutableProcess p = scope.process();
    append(key, ValueType.VARIABLE, intent, new VariableValue(name, toJson(value), scope.key(),
        scope.processInstanceKey(), p.key(), p.bpmnProcessId(), TENANT));
  }

  public void incident(String intent, Incident incident) {
    ElementInstance instance = incident.elementInstance();
    ExecutableProcess p = instance.process();
    append(incident.key(), ValueType.INCIDENT, intent, new IncidentValue(incident.errorType(), incident.errorMessage(),
        p.bpmnProcessId(), p.key(), instance.processInstanceKey(), instance.element().id(), instance.key(),
        incident.jobKey(), instance.key(), TENANT));
  }

  public void timer(String intent, Timer timer) {
    ElementInstance owner = timer.owner();
    append(timer.key(), ValueType.TIMER, intent, new TimerValue(owner == null ? -1 : owner.key(),
        owner == null ? -1 : owner.processInstanceKey(), timer.process().key(), timer.target().id(),
        timer.dueDate(), timer.repetitions(), TENANT));
  }

  public void message(String intent, Message message) {
    append(message.key(), ValueType.MESSAGE, intent, new MessageValue(message.name(), message.correlationKey(),
        message.timeToLive(), message.deadline(), message.messageId(), message.variables(), TENANT));
  }

  public void signal(long key, String intent, String name, Map<String, Object> variables) {
    append(key, ValueType.SIGNAL, intent, new SignalValue(name, variables, TENANT));
  }

  public void subscription(ValueType type, String intent, long key, String messageName, String correlationKey,
      String elementId, ElementInstance owner, ExecutableProcess process, boolean interrupting, long messageKey,
      Map<String, Object> variables) {
    append(key, type, intent, new MessageSubscriptionValue(messageName, correlationKey, elementId,
        owner == null ? -1 : owner.key(), owner == null ? -1 : owner.processInstanceKey(), process.key(),
        process.bpmnProcessId(), interrupting, messageKey, variables == null ? Map.of() : variables, TENANT));
  }

  public void userTask(String intent, UserTask task, Map<String, Object> variables, List<String> changed,
      String action, String actor, String deniedReason) {
    ElementInstance instance = task.elementInstance();
    ExecutableProcess p = instance.process();
    append(task.key(), ValueType.USER_TASK, intent, new UserTaskValue(task.key(), instance.element().name(),
        task.assignee(), List.copyOf(task.candidateGroups()), List.copyOf(task.candidateUsers()), task.dueDate(),
        task.followUpDate(), task.priority(), task.formKey(), task.externalFormReference(), task.customHeaders(),
        variables == null ? Map.of() : variables, changed == null ? List.of() : changed, action, actor, deniedReason,
        instance.element().id(), instance.key(), p.bpmnProcessId(), p.version(), p.key(),
        instance.processInstanceKey(), task.creationTimestamp(), TENANT));
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("variable value is not JSON-serialisable: " + e.getMessage(), e);
    }
  }

  private static ElementInstance root(ElementInstance instance) {
    ElementInstance current = instance;
    while (current.flowScope() != null) {
      current = current.flowScope();
    }
    return current;
  }
}
