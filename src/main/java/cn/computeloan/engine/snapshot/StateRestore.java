package cn.computeloan.engine.snapshot;

import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableFlow;
import cn.computeloan.engine.model.ExecutableProcess;
import cn.computeloan.engine.model.ProcessTransformer;
import cn.computeloan.engine.snapshot.EngineStateData.*;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.EngineState;
import cn.computeloan.engine.state.Incident;
import cn.computeloan.engine.state.Job;
import cn.computeloan.engine.state.Message;
import cn.computeloan.engine.state.MessageSubscription;
import cn.computeloan.engine.state.ProcessorState;
import cn.computeloan.engine.state.ProcessorState.ChosenFlows;
import cn.computeloan.engine.state.ProcessorState.Loop;
import cn.computeloan.engine.state.ProcessorState.StartAt;
import cn.computeloan.engine.state.Timer;
import cn.computeloan.engine.state.UserTask;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Rebuilds an {@link EngineState} from {@link EngineStateData}: deployed processes and decisions
 * are parsed again from their resource text, entities are linked by key, and every map is filled in
 * the captured order. Builds a new state and touches nothing else, so a snapshot that fails to
 * restore leaves the engine as it was.
 */
public final class StateRestore {

  private final EngineState state = new EngineState();
  private final Map<String, List<ProcessTransformer.ParsedProcess>> parsedResources = new HashMap<>();
  private final ProcessTransformer transformer = new ProcessTransformer();

  private StateRestore() {}

  /**
   * @param parseDmn parses a DMN resource (name, content) as the engine's decision behaviour does
   * @throws SnapshotException when the data does not describe a consistent state
   */
  public static EngineState restore(EngineStateData data, BiFunction<String, byte[], Object> parseDmn) {
    try {
      return new StateRestore().build(data, parseDmn);
    } catch (SnapshotException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SnapshotException("The snapshot's engine state cannot be restored: " + e, e);
    }
  }

  private EngineState build(EngineStateData data, BiFunction<String, byte[], Object> parseDmn) {
    state.restoreNextKey(data.nextKey());
    data.processes().forEach(this::addProcess);
    data.forms().forEach(state::addForm);
    for (DrgData d : data.decisionRequirements()) {
      Map<String, EngineState.DecisionDef> decisions = new LinkedHashMap<>();
      EngineState.DecisionResource drg = new EngineState.DecisionResource(d.drgId(), d.name(), d.version(), d.key(),
          d.resourceName(), d.resource(), d.checksum(),
          parseDmn.apply(d.resourceName(), d.resource().getBytes(StandardCharsets.UTF_8)), decisions);
      d.decisions().forEach(x -> decisions.put(x.decisionId(),
          new EngineState.DecisionDef(x.decisionId(), x.name(), x.version(), x.key(), drg)));
      state.addDecisionResource(drg);
    }
    data.elementInstances().forEach(this::createInstance);
    data.elementInstances().forEach(this::linkInstance);
    for (ScopeVariables scope : data.variables()) {
      Map<String, EngineState.Variable> local = new LinkedHashMap<>();
      scope.variables().forEach(v -> local.put(v.name(), new EngineState.Variable(v.key(), v.value())));
      state.variables().put(scope.scopeKey(), local);
    }
    data.jobs().forEach(this::addJob);
    data.activatableJobs().forEach((type, keys) -> {
      LinkedHashSet<Job> set = new LinkedHashSet<>();
      keys.forEach(key -> set.add(required(state.jobs().get(key), "activatable job " + key)));
      state.activatableJobs().put(type, set);
    });
    data.timers().forEach(this::addTimer);
    data.messageSubscriptions().forEach(s -> state.messageSubscriptions().put(s.key(), subscription(s)));
    data.signalSubscriptions().forEach(s -> state.signalSubscriptions().put(s.key(), subscription(s)));
    data.messages().forEach(m -> state.messages().put(m.key(), new Message(m.key(), m.name(), m.correlationKey(),
        m.messageId(), map(m.variables()), m.timeToLive(), m.deadline(), new HashSet<>(m.correlatedProcessIds()))));
    data.userTasks().forEach(this::addUserTask);
    data.incidents().forEach(i -> state.incidents().put(i.key(), new Incident(i.key(), i.errorType(), i.errorMessage(),
        instance(i.elementInstanceKey()), i.jobKey())));
    return state;
  }

  private void addProcess(ProcessData p) {
    List<ProcessTransformer.ParsedProcess> parsed = parsedResources.computeIfAbsent(p.resource(),
        xml -> transformer.transform(p.resourceName(), xml.getBytes(StandardCharsets.UTF_8)));
    ProcessTransformer.ParsedProcess process = parsed.stream().filter(x -> x.bpmnProcessId().equals(p.bpmnProcessId()))
        .findFirst().orElseThrow(() -> new SnapshotException("process " + p.bpmnProcessId() + " is not in "
            + p.resourceName(), null));
    state.addProcess(new ExecutableProcess(p.bpmnProcessId(), p.name(), p.version(), p.versionTag(), p.key(),
        p.deploymentKey(), p.resourceName(), p.checksum(), p.resource(), process.root(), process.elements(),
        p.tenantId()));
  }

  private void createInstance(InstanceData d) {
    ExecutableProcess process = process(d.processKey());
    ElementInstance scope = d.flowScopeKey() < 0 ? null : instance(d.flowScopeKey());
    ElementInstance i = new ElementInstance(d.key(), element(process, d.element()), process, d.processInstanceKey(),
        scope);
    state.elementInstances().put(i.key(), i);
  }

  private void linkInstance(InstanceData d) {
    ElementInstance i = instance(d.key());
    i.state(ElementInstance.State.valueOf(d.state()));
    d.children().forEach(child -> i.children().add(instance(child)));
    i.changeActiveFlows(d.activeFlows());
    d.joinArrivals().forEach((gateway, flows) -> i.joinArrivals().put(gateway, new java.util.ArrayList<>(flows)));
    i.jobKey(d.jobKey());
    i.userTaskKey(d.userTaskKey());
    i.calledInstanceKey(d.calledInstanceKey());
    i.incidentKey(d.incidentKey());
    i.parent(d.parentProcessInstanceKey(), d.parentElementInstanceKey());
    i.pendingVariables(map(d.pendingVariables()));
    PendingEventData e = d.pendingEvent();
    if (e != null) {
      i.pendingEvent(new ElementInstance.PendingEvent(element(i.process(), e.target()), map(e.variables()),
          e.scopeKey() < 0 ? null : instance(e.scopeKey())));
    }
    i.loopCounter(d.loopCounter());
    i.multiInstanceCompleted(d.multiInstanceCompleted());
    i.interrupted(d.interrupted());
    i.processorState(processorState(i, d.processorState()));
    i.startMessageCorrelationKey(d.startMessageCorrelationKey());
  }

  @SuppressWarnings("unchecked")
  private ProcessorState processorState(ElementInstance i, ProcessorStateData d) {
    if (d == null) {
      return null;
    }
    return switch (d.kind()) {
      case "loop" -> new Loop((List<Object>) d.items(), d.next());
      case "start" -> new StartAt(d.ids().stream().map(id -> element(i.process(), id)).toList());
      case "flows" -> new ChosenFlows(d.ids().stream().map(id -> flow(i.element(), id)).toList());
      default -> throw new SnapshotException("unknown processor state " + d.kind(), null);
    };
  }

  private void addJob(JobData d) {
    Job job = new Job(d.key(), d.type(), d.retries(), instance(d.elementInstanceKey()), d.customHeaders(), d.kind(),
        d.listenerEventType());
    job.state(Job.State.valueOf(d.state()));
    job.worker(d.worker());
    job.deadline(d.deadline());
    job.backoffUntil(d.backoffUntil());
    job.errorMessage(d.errorMessage());
    job.errorCode(d.errorCode());
    job.activatable(d.activatable());
    state.jobs().put(job.key(), job);
  }

  private void addTimer(TimerData d) {
    ExecutableProcess process = process(d.processKey());
    Timer timer = new Timer(d.key(), d.ownerKey() < 0 ? null : instance(d.ownerKey()), process,
        element(process, d.target()), d.dueDate(), d.repetitions(), d.interval(), d.cron());
    state.timers().put(timer.key(), timer);
    state.timersByDueDate().add(timer);
  }

  private MessageSubscription subscription(SubscriptionData d) {
    ElementInstance owner = instance(d.ownerKey());
    return new MessageSubscription(d.key(), owner, element(owner.process(), d.target()), d.messageName(),
        d.correlationKey());
  }

  private void addUserTask(UserTaskData d) {
    UserTask task = new UserTask(d.key(), instance(d.elementInstanceKey()), d.creationTimestamp());
    task.state(UserTask.State.valueOf(d.state()));
    task.assignee(d.assignee());
    task.candidateGroups(d.candidateGroups());
    task.candidateUsers(d.candidateUsers());
    task.dueDate(d.dueDate());
    task.followUpDate(d.followUpDate());
    task.priority(d.priority());
    task.formKey(d.formKey());
    task.externalFormReference(d.externalFormReference());
    task.customHeaders(d.customHeaders());
    TransitionData t = d.transition();
    if (t != null) {
      task.transition(new UserTask.Transition(UserTask.State.valueOf(t.target()), t.action(), t.actor(),
          map(t.changes()), t.changedAttributes()));
    }
    task.nextListener(d.nextListener());
    state.userTasks().put(task.key(), task);
  }

  private ExecutableProcess process(long key) {
    return required(state.process(key), "process definition " + key);
  }

  private ElementInstance instance(long key) {
    return required(state.elementInstance(key), "element instance " + key);
  }

  private static ExecutableElement element(ExecutableProcess process, String ref) {
    boolean inner = ref.endsWith("#");
    ExecutableElement element = process.element(inner ? ref.substring(0, ref.length() - 1) : ref);
    return required(inner && element != null ? element.innerActivity() : element,
        "element " + ref + " of process " + process.key());
  }

  private static ExecutableFlow flow(ExecutableElement source, String id) {
    return required(source.outgoing().stream().filter(f -> f.id().equals(id)).findFirst().orElse(null),
        "sequence flow " + id + " of " + source.id());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static <T> T required(T value, String what) {
    if (value == null) {
      throw new SnapshotException("The snapshot refers to " + what + ", which it does not contain", null);
    }
    return value;
  }
}
