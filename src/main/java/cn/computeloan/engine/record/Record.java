package cn.computeloan.engine.record;

/**
 * One entry of the engine's append-only log. Every state change the engine makes is a record, so
 * the log is at once the audit history, the source of the search projections and (later) the unit
 * of durability.
 *
 * @param position strictly increasing position in the log
 * @param key key of the entity the record is about (element instance, job, ...)
 * @param timestamp engine-clock time in epoch milliseconds
 * @param intent Zeebe's intent name for this value type, e.g. {@code ELEMENT_ACTIVATED}
 */
public record Record(
    long position,
    long key,
    long timestamp,
    RecordType recordType,
    ValueType valueType,
    String intent,
    RecordValue value) {}
