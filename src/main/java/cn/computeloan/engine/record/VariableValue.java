package cn.computeloan.engine.record;

/**
 * Value of a VARIABLE record. Intents: CREATED, UPDATED.
 *
 * @param value the variable's value as JSON text, as Zeebe exports it
 */
public record VariableValue(
    String name,
    String value,
    long scopeKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String tenantId)
    implements RecordValue {}
