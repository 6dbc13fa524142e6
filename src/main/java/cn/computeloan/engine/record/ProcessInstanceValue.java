package cn.computeloan.engine.record;

/**
 * Value of a PROCESS_INSTANCE record (element lifecycle and taken sequence flows). Intents:
 * ELEMENT_ACTIVATING, ELEMENT_ACTIVATED, ELEMENT_COMPLETING, ELEMENT_COMPLETED,
 * ELEMENT_TERMINATING, ELEMENT_TERMINATED, SEQUENCE_FLOW_TAKEN.
 *
 * @param bpmnElementType Zeebe's BpmnElementType name, e.g. SERVICE_TASK, PROCESS,
 *     MULTI_INSTANCE_BODY, SEQUENCE_FLOW
 * @param bpmnEventType Zeebe's BpmnEventType name: UNSPECIFIED, NONE, TIMER, MESSAGE, ERROR, ...
 */
public record ProcessInstanceValue(
    String bpmnProcessId,
    int version,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    String elementName,
    long flowScopeKey,
    String bpmnElementType,
    String bpmnEventType,
    long parentProcessInstanceKey,
    long parentElementInstanceKey,
    String tenantId)
    implements RecordValue {}
