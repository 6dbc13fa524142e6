package cn.computeloan.engine.api;

import java.util.Map;

/** Publish a message; {@code messageId} (may be null) de-duplicates while the first one lives. */
public record PublishMessageCommand(
    String name,
    String correlationKey,
    long timeToLiveMillis,
    String messageId,
    Map<String, Object> variables,
    String tenantId) implements EngineCommand {

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.publishMessage(this);
  }
}
