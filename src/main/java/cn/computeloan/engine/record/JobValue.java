package cn.computeloan.engine.record;

import java.util.Map;

/**
 * Value of a JOB record. Intents: CREATED, ACTIVATED, COMPLETED, FAILED, ERROR_THROWN, TIMED_OUT,
 * RETRIES_UPDATED, TIMEOUT_UPDATED, RECURRED_AFTER_BACKOFF, CANCELED.
 *
 * @param kind BPMN_ELEMENT or TASK_LISTENER
 * @param listenerEventType UNSPECIFIED or the task listener event (CREATING, COMPLETING, ...)
 * @param deadline epoch millis, -1 when not activated
 */
public record JobValue(
    String type,
    String worker,
    int retries,
    long deadline,
    long retryBackoff,
    long recurringTime,
    String errorMessage,
    String errorCode,
    Map<String, String> customHeaders,
    Map<String, Object> variables,
    String kind,
    String listenerEventType,
    String elementId,
    long elementInstanceKey,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    long processInstanceKey,
    String tenantId)
    implements RecordValue {}
