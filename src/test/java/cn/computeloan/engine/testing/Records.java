package cn.computeloan.engine.testing;

import cn.computeloan.engine.record.IncidentValue;
import cn.computeloan.engine.record.JobValue;
import cn.computeloan.engine.record.MessageSubscriptionValue;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.RecordType;
import cn.computeloan.engine.record.RecordValue;
import cn.computeloan.engine.record.ResourceValue;
import cn.computeloan.engine.record.UserTaskValue;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.record.VariableValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds engine records by hand, as the engine would write them, for feeding projections. */
public final class Records {

  public static final String TENANT = "<default>";
  public static final long START_TIME = 1_795_000_000_000L;

  private final AtomicLong position = new AtomicLong();
  private final AtomicLong clock = new AtomicLong(START_TIME);

  public Record event(long key, ValueType type, String intent, RecordValue value) {
    return new Record(position.incrementAndGet(), key, clock.addAndGet(1000), RecordType.EVENT, type, intent, value);
  }

  public Record process(long key, String processId, int version, String xml) {
    return event(key, ValueType.PROCESS, "CREATED", new ResourceValue(
        processId, processId + " name", version, "", key, 1, processId + ".bpmn", "", null, -1, xml, TENANT));
  }

  public Record form(long key, String formId, int version) {
    return event(key, ValueType.FORM, "CREATED", new ResourceValue(
        formId, formId, version, "", key, 1, formId + ".form", "", null, -1, "{\"id\":\"" + formId + "\"}", TENANT));
  }

  public Record element(long key, String intent, long processInstanceKey, String elementId, String type, long flowScopeKey) {
    return event(key, ValueType.PROCESS_INSTANCE, intent, new ProcessInstanceValue(
        "order", 1, 100, processInstanceKey, elementId, null, flowScopeKey, type, "UNSPECIFIED", -1, -1, TENANT));
  }

  public Record instance(long processInstanceKey, String intent) {
    return instance(processInstanceKey, intent, -1, -1);
  }

  public Record instance(long processInstanceKey, String intent, long parentInstanceKey, long parentElementKey) {
    return event(processInstanceKey, ValueType.PROCESS_INSTANCE, intent, new ProcessInstanceValue(
        "order", 1, 100, processInstanceKey, "order", null, -1, "PROCESS", "UNSPECIFIED",
        parentInstanceKey, parentElementKey, TENANT));
  }

  public Record sequenceFlow(long key, long processInstanceKey, String flowId) {
    return event(key, ValueType.PROCESS_INSTANCE, "SEQUENCE_FLOW_TAKEN", new ProcessInstanceValue(
        "order", 1, 100, processInstanceKey, flowId, null, processInstanceKey, "SEQUENCE_FLOW", "UNSPECIFIED", -1, -1, TENANT));
  }

  public Record variable(long key, String intent, long scopeKey, long processInstanceKey, String name, String json) {
    return event(key, ValueType.VARIABLE, intent, new VariableValue(name, json, scopeKey, processInstanceKey, 100, "order", TENANT));
  }

  public Record incident(long key, String intent, long processInstanceKey, long elementInstanceKey, long jobKey) {
    return event(key, ValueType.INCIDENT, intent, new IncidentValue(
        "JOB_NO_RETRIES", "boom", "order", 100, processInstanceKey, "task", elementInstanceKey, jobKey, elementInstanceKey, TENANT));
  }

  public Record job(long key, String intent, long processInstanceKey, long elementInstanceKey, int retries) {
    return event(key, ValueType.JOB, intent, new JobValue(
        "charge", "worker-1", retries, START_TIME + 60_000, 0, -1, "", "", Map.of(), Map.of(), "BPMN_ELEMENT",
        "UNSPECIFIED", "task", elementInstanceKey, "order", 1, 100, processInstanceKey, TENANT));
  }

  public Record userTask(long key, String intent, long processInstanceKey, long elementInstanceKey, String assignee, long formKey) {
    return event(key, ValueType.USER_TASK, intent, new UserTaskValue(
        key, "Review", assignee, List.of("clerks"), List.of(), null, null, 50, formKey, null, Map.of(), Map.of(),
        List.of(), "", null, null, "review", elementInstanceKey, "order", 1, 100, processInstanceKey, 0, TENANT));
  }

  public Record messageSubscription(long key, String intent, long processInstanceKey, long elementInstanceKey, long messageKey) {
    return event(key, ValueType.MESSAGE_SUBSCRIPTION, intent, new MessageSubscriptionValue(
        "paid", "order-1", "wait", elementInstanceKey, processInstanceKey, 100, "order", true, messageKey, Map.of(), TENANT));
  }
}
