package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.model.ElementKind;
import cn.computeloan.engine.model.EventType;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableFlow;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.model.TimerDefinition;
import cn.computeloan.engine.record.ValueType;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.ElementInstance.PendingEvent;
import cn.computeloan.engine.state.ElementInstance.State;
import cn.computeloan.engine.state.MessageSubscription;
import cn.computeloan.engine.state.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Catch events: opening and closing timer, message and signal subscriptions for an instance, and
 * triggering the right element when one fires — boundary events (interrupting or not), event
 * sub-processes, intermediate catch events, receive tasks and event-based gateways. Also error
 * propagation to the nearest catching boundary event or event sub-process.
 */
public final class EventBehavior {

  private final ProcessingContext ctx;
  private final MessageBehavior messages;

  EventBehavior(ProcessingContext ctx) {
    this.ctx = ctx;
    this.messages = new MessageBehavior(ctx, this);
  }

  public MessageBehavior messages() {
    return messages;
  }

  /** Opens boundary-event and event-sub-process subscriptions; false if one failed (incident). */
  boolean openScopeSubscriptions(ElementInstance instance) {
    List<ExecutableElement> targets = new ArrayList<>(instance.element().boundaryEvents());
    for (ExecutableElement esp : instance.element().eventSubProcesses()) {
      targets.add(esp.startEvent());
    }
    return openAll(instance, targets);
  }

  /** Opens the subscription of a catch event or receive task on itself. */
  public boolean openOwnSubscription(ElementInstance instance) {
    return openAll(instance, List.of(instance.element()));
  }

  /** Opens the subscriptions of the events after an event-based gateway. */
  public boolean openGatewaySubscriptions(ElementInstance gateway) {
    return openAll(gateway, gateway.element().outgoing().stream().map(ExecutableFlow::target).toList());
  }

  private boolean openAll(ElementInstance owner, List<ExecutableElement> targets) {
    for (ExecutableElement target : targets) {
      boolean ok = switch (target.eventType()) {
        case TIMER -> openTimer(owner, target);
        case MESSAGE -> messages.open(owner, target);
        case SIGNAL -> openSignal(owner, target);
        default -> true;
      };
      if (!ok) {
        closeSubscriptions(owner);
        return false;
      }
    }
    return true;
  }

  private boolean openTimer(ElementInstance owner, ExecutableElement target) {
    TimerSchedule schedule = evaluateTimer(target.timer(), ctx.variables().visible(owner));
    if (schedule == null) {
      ctx.incidents().raise(owner, "EXTRACT_VALUE_ERROR", lastTimerError);
      return false;
    }
    addTimer(owner, owner.process(), target, schedule.first(), schedule.repetitions(), schedule);
    return true;
  }

  private String lastTimerError;

  /** Evaluates a timer definition; null (with {@link #lastTimerError}) when it is invalid. */
  TimerSchedule evaluateTimer(TimerDefinition timer, Map<String, Object> variables) {
    EvalResult<Object> value = ctx.feel().evaluate(timer.expression(), variables);
    if (value.isFailure()) {
      lastTimerError = value.failureMessage();
      return null;
    }
    if (!(value.value() instanceof String text)) {
      lastTimerError = "Expected result of the expression '%s' to be one of '[DURATION, PERIOD, STRING]', but was '%s'"
          .formatted(timer.expression(), cn.computeloan.engine.expression.FeelEvaluator.typeName(value.value()));
      return null;
    }
    try {
      long now = ctx.clock().millis();
      return switch (timer.kind()) {
        case DATE -> TimerSchedule.date(text);
        case DURATION -> TimerSchedule.duration(text, now);
        case CYCLE -> TimerSchedule.cycle(text, now);
      };
    } catch (RuntimeException e) {
      lastTimerError = e.getMessage();
      return null;
    }
  }

  void addTimer(ElementInstance owner, ExecutableProcess process, ExecutableElement target, long due,
      int repetitions, TimerSchedule schedule) {
    Timer timer = new Timer(ctx.state().nextKey(), owner, process, target, due, repetitions,
        schedule.interval(), schedule.cron());
    ctx.state().timers().put(timer.key(), timer);
    ctx.state().timersByDueDate().add(timer);
    ctx.writer().timer("CREATED", timer);
  }

  private boolean openSignal(ElementInstance owner, ExecutableElement target) {
    EvalResult<String> name = ctx.feel().evaluateString(target.signalName(), ctx.variables().visible(owner));
    if (name.isFailure()) {
      ctx.incidents().raise(owner, "EXTRACT_VALUE_ERROR", name.failureMessage());
      return false;
    }
    MessageSubscription subscription = new MessageSubscription(ctx.state().nextKey(), owner, target, name.value(), null);
    ctx.state().signalSubscriptions().put(subscription.key(), subscription);
    return true;
  }

  /** Closes every subscription owned by an instance that is leaving. */
  void closeSubscriptions(ElementInstance owner) {
    for (Timer timer : List.copyOf(ctx.state().timers().values())) {
      if (timer.owner() == owner) {
        removeTimer(timer);
        ctx.writer().timer("CANCELED", timer);
      }
    }
    messages.closeAll(owner);
    ctx.state().signalSubscriptions().values().removeIf(s -> s.owner() == owner);
  }

  private void removeTimer(Timer timer) {
    ctx.state().timers().remove(timer.key());
    ctx.state().timersByDueDate().remove(timer);
  }

  /** Fires every timer due by {@code now}; returns the next due date or MAX. */
  public long fireDueTimers(long now) {
    while (!ctx.state().timersByDueDate().isEmpty()) {
      Timer timer = ctx.state().timersByDueDate().first();
      if (timer.dueDate() > now) {
        return timer.dueDate();
      }
      removeTimer(timer);
      ctx.writer().timer("TRIGGERED", timer);
      boolean repeats = timer.repetitions() != 1 && !(timer.owner() != null && isInterrupting(timer));
      if (repeats) {
        TimerSchedule schedule = new TimerSchedule(timer.dueDate(), timer.repetitions(), timer.interval(), timer.cron());
        addTimer(timer.owner(), timer.process(), timer.target(), schedule.next(timer.dueDate()),
            timer.repetitions() < 0 ? -1 : timer.repetitions() - 1, schedule);
      }
      if (timer.owner() == null) {
        ctx.startEvents().startByEvent(timer.process(), timer.target(), Map.of(), null, ctx);
      } else {
        trigger(timer.owner(), timer.target(), Map.of());
      }
      ctx.drain();
    }
    return Long.MAX_VALUE;
  }

  private static boolean isInterrupting(Timer timer) {
    ExecutableElement target = timer.target();
    return switch (target.kind()) {
      case BOUNDARY_EVENT, START_EVENT -> target.interrupting();
      default -> true;
    };
  }

  /** Broadcasts a signal to waiting instances and signal start events; returns the signal key. */
  public long broadcastSignal(String name, Map<String, Object> variables) {
    long key = ctx.state().nextKey();
    ctx.writer().signal(key, "BROADCASTED", name, variables);
    for (MessageSubscription s : List.copyOf(ctx.state().signalSubscriptions().values())) {
      if (s.messageName().equals(name) && ctx.state().signalSubscriptions().containsKey(s.key())) {
        if (isInterruptingTarget(s.target())) {
          ctx.state().signalSubscriptions().remove(s.key());
        }
        trigger(s.owner(), s.target(), variables);
      }
    }
    for (List<ExecutableProcess> versions : ctx.state().allProcessVersions()) {
      ExecutableProcess latest = versions.get(versions.size() - 1);
      for (ExecutableElement start : latest.startEvents()) {
        if (start.eventType() == EventType.SIGNAL && name.equals(start.signalName())) {
          ctx.startEvents().startByEvent(latest, start, variables, null, ctx);
        }
      }
    }
    return key;
  }

  static boolean isInterruptingTarget(ExecutableElement target) {
    return (target.kind() != ElementKind.BOUNDARY_EVENT && target.kind() != ElementKind.START_EVENT) || target.interrupting();
  }

  /**
   * An event fired for a subscription of {@code owner}: trigger {@code target} with the event's
   * variables.
   */
  public void trigger(ElementInstance owner, ExecutableElement target, Map<String, Object> variables) {
    if (owner.state() != State.ACTIVATED) {
      return;
    }
    Map<String, Object> vars = variables == null ? Map.of() : variables;
    if (target.kind() == ElementKind.BOUNDARY_EVENT) {
      if (target.interrupting()) {
        owner.pendingEvent(new PendingEvent(target, vars, owner.flowScope()));
        ctx.terminate(owner);
      } else {
        ctx.activateChild(owner.flowScope(), target, vars);
      }
    } else if (target.kind() == ElementKind.START_EVENT) {
      triggerEventSubProcess(owner, target.flowScope(), target.interrupting(), vars);
    } else if (owner.element().kind() == ElementKind.EVENT_BASED_GATEWAY) {
      closeSubscriptions(owner);
      owner.pendingEvent(new PendingEvent(target, vars, null));
      ctx.complete(owner);
    } else {
      owner.pendingVariables(vars);
      ctx.complete(owner);
    }
  }

  private void triggerEventSubProcess(ElementInstance scope, ExecutableElement esp, boolean interrupting,
      Map<String, Object> vars) {
    if (!interrupting) {
      ctx.activateChild(scope, esp, vars);
      return;
    }
    closeSubscriptions(scope);
    scope.interrupted(true);
    scope.pendingEvent(new PendingEvent(esp, vars, null));
    ctx.dropHeldTokens(scope);
    if (scope.children().isEmpty()) {
      ctx.schedule(() -> ctx.completeScopeIfDone(scope));
    }
    for (ElementInstance child : List.copyOf(scope.children())) {
      ctx.terminate(child);
    }
  }

  /**
   * Throws a BPMN error from {@code source}: the nearest boundary event or error event sub-process
   * with a matching code (or catching all) catches it, crossing call activities.
   *
   * @return false when nothing catches it
   */
  public boolean throwError(ElementInstance source, String code, String message, Map<String, Object> variables) {
    for (ElementInstance scope = source; scope != null; scope = enclosing(scope)) {
      ExecutableElement catcher = catcher(scope.element(), EventType.ERROR, code);
      if (catcher != null && scope.state() == State.ACTIVATED) {
        trigger(scope, catcher, variables);
        return true;
      }
    }
    return false;
  }

  /**
   * Throws an escalation from {@code source} to the nearest boundary event or escalation event
   * sub-process with a matching code (or catching all), crossing call activities.
   *
   * @return true when an interrupting event caught it: the thrower's scope is being terminated
   */
  public boolean throwEscalation(ElementInstance source, String code) {
    for (ElementInstance scope = enclosing(source); scope != null; scope = enclosing(scope)) {
      ExecutableElement catcher = catcher(scope.element(), EventType.ESCALATION, code);
      if (catcher != null && scope.state() == State.ACTIVATED) {
        trigger(scope, catcher, Map.of());
        return catcher.interrupting();
      }
    }
    return false;
  }

  private ElementInstance enclosing(ElementInstance instance) {
    if (instance.flowScope() != null) {
      return instance.flowScope();
    }
    return ctx.state().elementInstance(instance.parentElementInstanceKey());
  }

  /**
   * The catch event of a scope for an error coming out of it: an error event sub-process inside the
   * scope sees the error before the boundary events on the scope's activity do; at each of the two
   * levels a matching error code wins over a catch-all event.
   */
  private static ExecutableElement catcher(ExecutableElement element, EventType type, String code) {
    List<ExecutableElement> inside = element.eventSubProcesses().stream().map(ExecutableElement::startEvent)
        .filter(s -> s != null && s.eventType() == type).toList();
    ExecutableElement caught = matching(inside, code);
    if (caught != null) {
      return caught;
    }
    return matching(element.boundaryEvents().stream().filter(b -> b.eventType() == type).toList(), code);
  }

  private static ExecutableElement matching(List<ExecutableElement> candidates, String code) {
    for (ExecutableElement candidate : candidates) {
      if (code != null && code.equals(caughtCode(candidate))) {
        return candidate;
      }
    }
    for (ExecutableElement candidate : candidates) {
      if (caughtCode(candidate) == null || caughtCode(candidate).isBlank()) {
        return candidate;
      }
    }
    return null;
  }

  private static String caughtCode(ExecutableElement catchEvent) {
    return catchEvent.eventType() == EventType.ESCALATION ? catchEvent.escalationCode() : catchEvent.errorCode();
  }
}
