package cn.computeloan.engine.state;

import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running (or finished) instance of an element. Mutated only on the engine thread. A process
 * instance is the element instance of the PROCESS element; its key is the process instance key.
 */
public final class ElementInstance {

  /** Zeebe's element instance lifecycle. */
  public enum State {
    ACTIVATING,
    ACTIVATED,
    COMPLETING,
    COMPLETED,
    TERMINATING,
    TERMINATED;

    public boolean isFinal() {
      return this == COMPLETED || this == TERMINATED;
    }
  }

  private final long key;
  private final ExecutableElement element;
  private final ExecutableProcess process;
  private final long processInstanceKey;
  private final ElementInstance flowScope;
  private State state = State.ACTIVATING;
  private final List<ElementInstance> children = new ArrayList<>();
  /** Sequence flows taken inside this scope whose target is not yet activated or joined. */
  private int activeFlows;
  /** For gateways in this scope that join: gateway id → ids of the flows that arrived. */
  private final Map<String, List<String>> joinArrivals = new HashMap<>();
  private long jobKey = -1;
  private long userTaskKey = -1;
  private long calledInstanceKey = -1;
  private long incidentKey = -1;
  private long parentElementInstanceKey = -1;
  private long parentProcessInstanceKey = -1;
  private Map<String, Object> pendingVariables;
  /** An interrupting event waiting for this instance's termination to finish. */
  private PendingEvent pendingEvent;
  private int loopCounter;
  private int multiInstanceCompleted;
  private boolean interrupted;
  /** Private working state of the element's processor (chosen flows, loop items, ...). */
  private ProcessorState processorState;
  /** Set on a process instance started from a message start event, for its uniqueness rule. */
  private String startMessageCorrelationKey;

  /** An event to activate once the interrupted scope is done terminating. */
  public record PendingEvent(ExecutableElement target, Map<String, Object> variables, ElementInstance scope) {}

  public ElementInstance(long key, ExecutableElement element, ExecutableProcess process,
      long processInstanceKey, ElementInstance flowScope) {
    this.key = key;
    this.element = element;
    this.process = process;
    this.processInstanceKey = processInstanceKey;
    this.flowScope = flowScope;
  }

  public long key() { return key; }
  public ExecutableElement element() { return element; }
  public ExecutableProcess process() { return process; }
  public long processInstanceKey() { return processInstanceKey; }
  public ElementInstance flowScope() { return flowScope; }
  public long flowScopeKey() { return flowScope == null ? -1 : flowScope.key; }
  public State state() { return state; }
  public void state(State value) { this.state = value; }
  public List<ElementInstance> children() { return children; }
  public int activeFlows() { return activeFlows; }
  public void changeActiveFlows(int delta) { this.activeFlows += delta; }
  public Map<String, List<String>> joinArrivals() { return joinArrivals; }
  public long jobKey() { return jobKey; }
  public void jobKey(long value) { this.jobKey = value; }
  public long userTaskKey() { return userTaskKey; }
  public void userTaskKey(long value) { this.userTaskKey = value; }
  public long calledInstanceKey() { return calledInstanceKey; }
  public void calledInstanceKey(long value) { this.calledInstanceKey = value; }
  public long incidentKey() { return incidentKey; }
  public void incidentKey(long value) { this.incidentKey = value; }
  public long parentElementInstanceKey() { return parentElementInstanceKey; }
  public long parentProcessInstanceKey() { return parentProcessInstanceKey; }
  public void parent(long processInstanceKey, long elementInstanceKey) {
    this.parentProcessInstanceKey = processInstanceKey;
    this.parentElementInstanceKey = elementInstanceKey;
  }
  /** Variables delivered with the event or job that completes this instance (merged on completion). */
  public Map<String, Object> pendingVariables() { return pendingVariables; }
  public void pendingVariables(Map<String, Object> value) { this.pendingVariables = value; }
  public PendingEvent pendingEvent() { return pendingEvent; }
  public void pendingEvent(PendingEvent value) { this.pendingEvent = value; }
  public int loopCounter() { return loopCounter; }
  public void loopCounter(int value) { this.loopCounter = value; }
  public int multiInstanceCompleted() { return multiInstanceCompleted; }
  public void multiInstanceCompleted(int value) { this.multiInstanceCompleted = value; }
  public boolean interrupted() { return interrupted; }
  public void interrupted(boolean value) { this.interrupted = value; }
  public String startMessageCorrelationKey() { return startMessageCorrelationKey; }
  public ProcessorState processorState() { return processorState; }
  public void processorState(ProcessorState value) { this.processorState = value; }
  public void startMessageCorrelationKey(String value) { this.startMessageCorrelationKey = value; }

  public boolean isActive() {
    return !state.isFinal();
  }

  @Override
  public String toString() {
    return element + "#" + key + "(" + state + ")";
  }
}
