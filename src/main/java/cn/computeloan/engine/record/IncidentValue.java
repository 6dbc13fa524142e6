package cn.computeloan.engine.record;

/**
 * Value of an INCIDENT record. Intents: CREATED, RESOLVED.
 *
 * @param errorType Zeebe's ErrorType name: JOB_NO_RETRIES, EXTRACT_VALUE_ERROR, IO_MAPPING_ERROR,
 *     CONDITION_ERROR, UNHANDLED_ERROR_EVENT, CALLED_DECISION_ERROR, CALLED_ELEMENT_ERROR,
 *     DECISION_EVALUATION_ERROR, FORM_NOT_FOUND, TASK_LISTENER_NO_RETRIES, UNKNOWN
 * @param jobKey -1 when the incident is not about a job
 */
public record IncidentValue(
    String errorType,
    String errorMessage,
    String bpmnProcessId,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    long elementInstanceKey,
    long jobKey,
    long variableScopeKey,
    String tenantId)
    implements RecordValue {}
