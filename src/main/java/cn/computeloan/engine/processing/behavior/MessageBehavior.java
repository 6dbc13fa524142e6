package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.api.EngineException;
import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.expression.FeelEvaluator;
import cn.computeloan.engine.model.EventType;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.Message;
import cn.computeloan.engine.state.MessageSubscription;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Messages with Zeebe's correlation rules: a message correlates at most once per BPMN process id
 * (to the oldest matching subscription); it is buffered for its time-to-live and correlates to
 * subscriptions opened later; {@code messageId} de-duplicates while the first message lives; a
 * message start event starts no second instance while one started with the same correlation key
 * is active.
 */
public final class MessageBehavior {

  private final ProcessingContext ctx;
  private final EventBehavior events;

  MessageBehavior(ProcessingContext ctx, EventBehavior events) {
    this.ctx = ctx;
    this.events = events;
  }

  boolean open(ElementInstance owner, ExecutableElement target) {
    Map<String, Object> variables = ctx.variables().visible(owner);
    EvalResult<String> name = ctx.feel().evaluateString(target.messageName(), variables);
    if (name.isFailure()) {
      ctx.incidents().raise(owner, "EXTRACT_VALUE_ERROR", name.failureMessage());
      return false;
    }
    String key = null;
    if (target.correlationKey() != null) {
      EvalResult<Object> value = ctx.feel().evaluate(target.correlationKey(), variables);
      if (value.isFailure() || !(value.value() instanceof String || value.value() instanceof Number)) {
        ctx.incidents().raise(owner, "EXTRACT_VALUE_ERROR", value.isFailure() ? value.failureMessage()
            : "Failed to extract the correlation key for '%s': The value must be either a string or a number, but was '%s'."
                .formatted(target.correlationKey(), FeelEvaluator.typeName(value.value())));
        return false;
      }
      key = String.valueOf(value.value());
    }
    MessageSubscription subscription = new MessageSubscription(ctx.state().nextKey(), owner, target, name.value(), key);
    ctx.state().messageSubscriptions().put(subscription.key(), subscription);
    write("CREATED", subscription, -1, null);
    ctx.schedule(() -> correlateBuffered(subscription));
    return true;
  }

  private void correlateBuffered(MessageSubscription subscription) {
    if (!ctx.state().messageSubscriptions().containsKey(subscription.key())) {
      return;
    }
    long now = ctx.clock().millis();
    String processId = subscription.owner().process().bpmnProcessId();
    for (Message message : ctx.state().messages().values()) {
      if (message.deadline() > now && message.name().equals(subscription.messageName())
          && Objects.equals(message.correlationKey(), subscription.correlationKey())
          && !message.correlatedProcessIds().contains(processId)) {
        correlate(subscription, message);
        return;
      }
    }
  }

  void closeAll(ElementInstance owner) {
    for (MessageSubscription s : List.copyOf(ctx.state().messageSubscriptions().values())) {
      if (s.owner() == owner) {
        ctx.state().messageSubscriptions().remove(s.key());
        write("DELETED", s, -1, null);
      }
    }
  }

  private void correlate(MessageSubscription subscription, Message message) {
    message.correlatedProcessIds().add(subscription.owner().process().bpmnProcessId());
    if (EventBehavior.isInterruptingTarget(subscription.target())) {
      ctx.state().messageSubscriptions().remove(subscription.key());
    }
    write("CORRELATED", subscription, message.key(), message.variables());
    events.trigger(subscription.owner(), subscription.target(), message.variables());
  }

  /** Publishes (and buffers) a message; returns its key. */
  public long publish(String name, String correlationKey, long ttl, String messageId, Map<String, Object> variables) {
    long now = ctx.clock().millis();
    String key = correlationKey == null ? "" : correlationKey;
    if (messageId != null && !messageId.isBlank()) {
      for (Message m : ctx.state().messages().values()) {
        if (m.deadline() > now && messageId.equals(m.messageId()) && m.name().equals(name) && m.correlationKey().equals(key)) {
          throw new EngineException(EngineException.Reason.ALREADY_EXISTS, ("Expected to publish a new message with id "
              + "'%s', but a message with that id was already published").formatted(messageId));
        }
      }
    }
    Message message = new Message(ctx.state().nextKey(), name, key, messageId, variables == null ? Map.of() : variables,
        ttl, now + Math.max(ttl, 0), new HashSet<>());
    ctx.writer().message("PUBLISHED", message);
    correlateAll(message);
    if (ttl > 0) {
      ctx.state().messages().put(message.key(), message);
    } else {
      ctx.writer().message("EXPIRED", message);
    }
    return message.key();
  }

  /** Correlates without buffering; returns the key of the first process instance it reached. */
  public long[] correlate(String name, String correlationKey, Map<String, Object> variables) {
    long now = ctx.clock().millis();
    Message message = new Message(ctx.state().nextKey(), name, correlationKey == null ? "" : correlationKey, null,
        variables == null ? Map.of() : variables, 0, now, new HashSet<>());
    long instanceKey = correlateAll(message);
    if (instanceKey < 0) {
      throw new EngineException(EngineException.Reason.NOT_FOUND, ("Expected to find subscription for message with "
          + "name '%s' and correlation key '%s', but none was found.").formatted(name, correlationKey));
    }
    return new long[] {message.key(), instanceKey};
  }

  /** Correlates to every process that waits for it (once per BPMN process id); returns the first instance. */
  private long correlateAll(Message message) {
    long first = -1;
    Set<String> reached = new HashSet<>();
    for (MessageSubscription s : List.copyOf(ctx.state().messageSubscriptions().values())) {
      String processId = s.owner().process().bpmnProcessId();
      if (s.messageName().equals(message.name()) && Objects.equals(s.correlationKey(), message.correlationKey())
          && !reached.contains(processId) && s.owner().state() == ElementInstance.State.ACTIVATED) {
        reached.add(processId);
        if (first < 0) {
          first = s.owner().processInstanceKey();
        }
        correlate(s, message);
      }
    }
    for (List<ExecutableProcess> versions : ctx.state().allProcessVersions()) {
      ExecutableProcess latest = versions.get(versions.size() - 1);
      if (reached.contains(latest.bpmnProcessId())) {
        continue;
      }
      for (ExecutableElement start : latest.startEvents()) {
        if (start.eventType() == EventType.MESSAGE && message.name().equals(start.messageName())
            && !hasActiveInstanceFor(latest.bpmnProcessId(), message.correlationKey())) {
          message.correlatedProcessIds().add(latest.bpmnProcessId());
          ElementInstance instance = ctx.startEvents()
              .startByEvent(latest, start, message.variables(), message.correlationKey(), ctx);
          if (first < 0) {
            first = instance.key();
          }
        }
      }
    }
    return first;
  }

  private boolean hasActiveInstanceFor(String bpmnProcessId, String correlationKey) {
    if (correlationKey == null || correlationKey.isEmpty()) {
      return false;
    }
    return ctx.state().elementInstances().values().stream()
        .anyMatch(i -> i.flowScope() == null && i.isActive() && i.process().bpmnProcessId().equals(bpmnProcessId)
            && correlationKey.equals(i.startMessageCorrelationKey()));
  }

  /** Drops expired messages; returns the next deadline or MAX. */
  public long expire(long now) {
    long next = Long.MAX_VALUE;
    for (Message message : List.copyOf(ctx.state().messages().values())) {
      if (message.deadline() <= now) {
        ctx.state().messages().remove(message.key());
        ctx.writer().message("EXPIRED", message);
      } else {
        next = Math.min(next, message.deadline());
      }
    }
    return next;
  }

  /** When a message-started instance ends, a buffered message with its key may start the next. */
  public void instanceEnded(ElementInstance root) {
    String key = root.startMessageCorrelationKey();
    if (key == null || key.isEmpty()) {
      return;
    }
    long now = ctx.clock().millis();
    for (Message message : ctx.state().messages().values()) {
      if (message.deadline() > now && key.equals(message.correlationKey())
          && !message.correlatedProcessIds().contains(root.process().bpmnProcessId())) {
        ctx.schedule(() -> correlateAll(message));
        return;
      }
    }
  }

  private void write(String intent, MessageSubscription s, long messageKey, Map<String, Object> variables) {
    ElementInstance owner = s.owner();
    ctx.writer().subscription(ValueType.MESSAGE_SUBSCRIPTION, intent, s.key(), s.messageName(), s.correlationKey(),
        s.target().id(), owner, owner.process(), EventBehavior.isInterruptingTarget(s.target()), messageKey, variables);
  }
}
