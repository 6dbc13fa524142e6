package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.expression.FeelEvaluator;
import cn.computeloan.engine.model.ElementKind;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableFlow;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.ElementInstance.State;
import cn.computeloan.engine.state.EngineState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * The element lifecycle shared by all processors, and the command loop: every follow-up step is
 * queued and run by {@link #drain()} until the engine is quiet, so deep processes never recurse.
 */
public final class ProcessingContext {

  private final EngineState state;
  private final RecordWriter writer;
  private final EngineClock clock;
  private final FeelEvaluator feel;
  private final ElementProcessors registry;
  private final StartEvents startEvents = new StartEvents();
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;
  private final JobBehavior jobs;
  private final EventBehavior events;
  private final UserTaskBehavior userTasks;
  private final DecisionBehavior decisions;
  private final Deque<Runnable> steps = new ArrayDeque<>();
  /** Sequence flows taken but not yet arrived, per scope; always empty once the loop is quiet. */
  private final Map<ElementInstance, List<ExecutableFlow>> inFlight = new java.util.IdentityHashMap<>();
  private final InstanceCompletionListener completionListener;

  /** Told when a root process instance finishes (for create-with-result). */
  public interface InstanceCompletionListener {
    void onFinished(ElementInstance processInstance, boolean completed);
  }

  public ProcessingContext(EngineState state, RecordWriter writer, EngineClock clock, FeelEvaluator feel,
      ElementProcessors processors, JobBehavior.JobListener jobListener,
      InstanceCompletionListener completionListener) {
    this.state = state;
    this.writer = writer;
    this.clock = clock;
    this.feel = feel;
    this.completionListener = completionListener;
    this.registry = processors;
    this.variables = new VariableBehavior(this);
    this.incidents = new IncidentBehavior(this);
    this.jobs = new JobBehavior(this, jobListener);
    this.events = new EventBehavior(this);
    this.userTasks = new UserTaskBehavior(this);
    this.decisions = new DecisionBehavior(this);
  }

  public EngineState state() { return state; }
  public RecordWriter writer() { return writer; }
  public EngineClock clock() { return clock; }
  public FeelEvaluator feel() { return feel; }
  public VariableBehavior variables() { return variables; }
  public IncidentBehavior incidents() { return incidents; }
  public JobBehavior jobs() { return jobs; }
  public EventBehavior events() { return events; }
  public UserTaskBehavior userTasks() { return userTasks; }
  public DecisionBehavior decisions() { return decisions; }
  public ElementProcessors processors() { return registry; }
  public StartEvents startEvents() { return startEvents; }

  /** Queues a step; it runs after the current one, in order. */
  public void schedule(Runnable step) {
    steps.addLast(step);
  }

  /** Runs queued steps until none is left. */
  public void drain() {
    Runnable step;
    while ((step = steps.pollFirst()) != null) {
      step.run();
    }
  }

  // --- creating instances

  /** Creates a root process instance (not yet activated). */
  public ElementInstance newProcessInstance(ExecutableProcess process, long parentProcessInstanceKey,
      long parentElementInstanceKey) {
    long key = state.nextKey();
    ElementInstance root = new ElementInstance(key, process.root(), process, key, null);
    root.parent(parentProcessInstanceKey, parentElementInstanceKey);
    state.elementInstances().put(key, root);
    return root;
  }

  /** Creates a child instance of {@code element} in {@code scope} and queues its activation. */
  public ElementInstance activateChild(ElementInstance scope, ExecutableElement element, Map<String, Object> pending) {
    ElementInstance child = newChild(scope, element);
    child.pendingVariables(pending);
    schedule(() -> activate(child));
    return child;
  }

  public ElementInstance newChild(ElementInstance scope, ExecutableElement element) {
    ElementInstance child = new ElementInstance(state.nextKey(), element, scope.process(), scope.processInstanceKey(), scope);
    scope.children().add(child);
    state.elementInstances().put(child.key(), child);
    return child;
  }

  // --- lifecycle

  /** ELEMENT_ACTIVATING, input mappings, then the processor. Re-run on incident resolution. */
  public void activate(ElementInstance instance) {
    if (instance.state() != State.ACTIVATING) {
      return;
    }
    if (instance.incidentKey() < 0) {
      writer.element("ELEMENT_ACTIVATING", instance);
    }
    instance.incidentKey(-1);
    if (!variables.applyInput(instance)) {
      return;
    }
    registry.processor(instance.element()).onActivate(instance, this);
  }

  /**
   * Opens the element's boundary-event and event-sub-process subscriptions, then ELEMENT_ACTIVATED.
   * False when a subscription failed: an incident was raised and the element stays ACTIVATING.
   */
  public boolean activated(ElementInstance instance) {
    if (!events.openScopeSubscriptions(instance)) {
      return false;
    }
    instance.state(State.ACTIVATED);
    writer.element("ELEMENT_ACTIVATED", instance);
    return true;
  }

  /** Queues the completion of an activated element. */
  public void complete(ElementInstance instance) {
    schedule(() -> completeNow(instance));
  }

  /** ELEMENT_COMPLETING, output mappings, ELEMENT_COMPLETED, then outgoing flows. */
  public void completeNow(ElementInstance instance) {
    if (instance.state() != State.ACTIVATED && instance.state() != State.COMPLETING) {
      return;
    }
    if (instance.state() == State.ACTIVATED) {
      instance.state(State.COMPLETING);
      writer.element("ELEMENT_COMPLETING", instance);
      events.closeSubscriptions(instance);
    }
    instance.incidentKey(-1);
    ElementProcessor processor = registry.processor(instance.element());
    if (!processor.onComplete(instance, this)) {
      return;
    }
    ElementInstance scope = instance.flowScope();
    if (scope != null && scope.element().kind() == ElementKind.MULTI_INSTANCE_BODY
        && !registry.collectOutput(scope, instance, this)) {
      return;
    }
    instance.state(State.COMPLETED);
    writer.element("ELEMENT_COMPLETED", instance);
    processor.onCompleted(instance, this);
    finish(instance, true);
  }

  /** Queues the termination of an element instance. */
  public void terminate(ElementInstance instance) {
    schedule(() -> terminateNow(instance));
  }

  public void terminateNow(ElementInstance instance) {
    if (!instance.isActive() || instance.state() == State.TERMINATING) {
      return;
    }
    instance.state(State.TERMINATING);
    writer.element("ELEMENT_TERMINATING", instance);
    events.closeSubscriptions(instance);
    incidents.resolveAllOf(instance);
    registry.processor(instance.element()).onTerminate(instance, this);
    for (ElementInstance child : List.copyOf(instance.children())) {
      terminateNow(child);
    }
    terminatedIfDone(instance);
  }

  /** Finishes a terminating instance once its children (and called instance) are gone. */
  public void terminatedIfDone(ElementInstance instance) {
    if (instance.state() != State.TERMINATING || !instance.children().isEmpty()
        || state.elementInstance(instance.calledInstanceKey()) != null
        || state.userTasks().containsKey(instance.userTaskKey())) {
      return;
    }
    instance.state(State.TERMINATED);
    writer.element("ELEMENT_TERMINATED", instance);
    ElementInstance.PendingEvent pending = instance.pendingEvent();
    if (pending != null && pending.scope() != null && instance.element().kind() != ElementKind.EVENT_BASED_GATEWAY) {
      // an interrupting boundary event replaces the activity before the scope can complete
      instance.pendingEvent(null);
      activateChild(pending.scope(), pending.target(), pending.variables());
    }
    finish(instance, false);
  }

  /** Removes a finished instance and tells its flow scope (or its parent process). */
  private void finish(ElementInstance instance, boolean completed) {
    state.elementInstances().remove(instance.key());
    ElementInstance scope = instance.flowScope();
    if (scope == null) {
      registry.calledProcessFinished(instance, completed, this);
      if (completionListener != null) {
        completionListener.onFinished(instance, completed);
      }
      events.messages().instanceEnded(instance);
    }
    state.variables().remove(instance.key());
    if (scope == null) {
      return;
    }
    scope.children().remove(instance);
    if (scope.state() == State.TERMINATING) {
      terminatedIfDone(scope);
    } else {
      registry.processor(scope.element()).onChildFinished(scope, instance, this);
    }
  }

  /** Completes a container when nothing is left to do inside it. */
  public void completeScopeIfDone(ElementInstance scope) {
    if (scope.state() == State.ACTIVATED && scope.children().isEmpty() && scope.activeFlows() == 0) {
      ElementInstance.PendingEvent pending = scope.pendingEvent();
      if (pending != null && scope.interrupted()) {
        scope.pendingEvent(null);
        activateChild(scope, pending.target(), pending.variables());
        return;
      }
      complete(scope);
    }
  }

  /** Forgets tokens waiting at joins of a scope that is being interrupted or terminated. */
  public void dropHeldTokens(ElementInstance scope) {
    int held = scope.joinArrivals().values().stream().mapToInt(List::size).sum();
    scope.joinArrivals().clear();
    scope.changeActiveFlows(-held);
  }

  // --- sequence flows

  public void takeAllOutgoingFlows(ElementInstance instance) {
    for (ExecutableFlow flow : instance.element().outgoing()) {
      takeFlow(flow, instance.flowScope());
    }
  }

  /** SEQUENCE_FLOW_TAKEN, and the target is queued for activation (or joined). */
  public void takeFlow(ExecutableFlow flow, ElementInstance scope) {
    writer.sequenceFlow(state.nextKey(), flow, scope);
    scope.changeActiveFlows(1);
    inFlight.computeIfAbsent(scope, s -> new java.util.ArrayList<>()).add(flow);
    schedule(() -> arrive(flow, scope, null));
  }

  /** Like {@link #takeFlow} but the target starts with these variables already delivered. */
  public void takeFlowTriggered(ExecutableFlow flow, ElementInstance scope, Map<String, Object> variables) {
    writer.sequenceFlow(state.nextKey(), flow, scope);
    scope.changeActiveFlows(1);
    inFlight.computeIfAbsent(scope, s -> new java.util.ArrayList<>()).add(flow);
    schedule(() -> arrive(flow, scope, variables == null ? Map.of() : variables));
  }

  /** The flows of a scope whose tokens are on their way to the target (for inclusive joins). */
  public List<ExecutableFlow> flowsInFlight(ElementInstance scope) {
    return inFlight.getOrDefault(scope, List.of());
  }

  private void arrive(ExecutableFlow flow, ElementInstance scope, Map<String, Object> triggered) {
    scope.changeActiveFlows(-1);
    List<ExecutableFlow> flying = inFlight.get(scope);
    if (flying != null) {
      flying.remove(flow);
      if (flying.isEmpty()) {
        inFlight.remove(scope);
      }
    }
    if (scope.state() != State.ACTIVATED || scope.interrupted()) {
      if (scope.state() == State.TERMINATING) {
        terminatedIfDone(scope);
      } else {
        completeScopeIfDone(scope);
      }
      return;
    }
    ExecutableElement target = flow.target();
    if (registry.isJoin(target)) {
      List<String> arrived = scope.joinArrivals().computeIfAbsent(target.id(), k -> new java.util.ArrayList<>());
      arrived.add(flow.id());
      scope.changeActiveFlows(1);
      registry.tryJoin(scope, target, this);
      return;
    }
    activateChild(scope, target, triggered);
  }
}
