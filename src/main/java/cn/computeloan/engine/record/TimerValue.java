package cn.computeloan.engine.record;

/**
 * Value of a TIMER record. Intents: CREATED, TRIGGERED, CANCELED.
 *
 * @param elementInstanceKey the scope that owns the timer (-1 for a timer start event)
 * @param repetitions remaining repetitions, -1 for infinite
 */
public record TimerValue(
    long elementInstanceKey,
    long processInstanceKey,
    long processDefinitionKey,
    String targetElementId,
    long dueDate,
    int repetitions,
    String tenantId)
    implements RecordValue {}
