package cn.computeloan.engine.record;

import java.util.Map;

/**
 * Value of MESSAGE_SUBSCRIPTION (a waiting element instance) and MESSAGE_START_EVENT_SUBSCRIPTION
 * records. Intents: CREATED, CORRELATED, DELETED.
 *
 * @param elementInstanceKey the catching scope, -1 for a start event subscription
 * @param messageKey the correlated message, -1 before correlation
 */
public record MessageSubscriptionValue(
    String messageName,
    String correlationKey,
    String elementId,
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    boolean interrupting,
    long messageKey,
    Map<String, Object> variables,
    String tenantId)
    implements RecordValue {}
