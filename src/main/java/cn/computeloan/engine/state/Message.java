package cn.computeloan.engine.state;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A published message, buffered until its deadline. */
public record Message(
    long key,
    String name,
    String correlationKey,
    String messageId,
    Map<String, Object> variables,
    long timeToLive,
    long deadline,
    Set<String> correlatedProcessIds) {

  public Message {
    correlatedProcessIds = new HashSet<>(correlatedProcessIds);
  }
}
