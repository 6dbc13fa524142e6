package cn.computeloan.engine.record;

import java.util.Map;

/** Value of a MESSAGE record. Intents: PUBLISHED, EXPIRED. */
public record MessageValue(
    String name,
    String correlationKey,
    long timeToLive,
    long deadline,
    String messageId,
    Map<String, Object> variables,
    String tenantId)
    implements RecordValue {}
