package cn.computeloan.engine.record;

/** Value of a CLOCK record. Intents: PINNED, RESET. */
public record ClockValue(long time) implements RecordValue {}
