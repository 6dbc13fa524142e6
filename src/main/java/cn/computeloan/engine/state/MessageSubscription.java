package cn.computeloan.engine.state;

import cn.computeloan.engine.model.ExecutableElement;

/**
 * An element instance waiting for a message: its scope {@code owner} (the catch event, receive
 * task, event-based gateway, the activity with a boundary event, or the scope of a message event
 * sub-process) and the element to trigger.
 */
public record MessageSubscription(
    long key, ElementInstance owner, ExecutableElement target, String messageName, String correlationKey) {}
