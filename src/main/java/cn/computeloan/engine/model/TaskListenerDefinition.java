package cn.computeloan.engine.model;

/**
 * A {@code zeebe:taskListener}.
 *
 * @param eventType creating, assigning, updating, completing or canceling
 */
public record TaskListenerDefinition(String eventType, String type, String retries) {}
