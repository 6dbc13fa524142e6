package cn.computeloan.engine.record;

import java.util.Map;

/** Value of a SIGNAL record. Intent: BROADCASTED. */
public record SignalValue(String signalName, Map<String, Object> variables, String tenantId) implements RecordValue {}
