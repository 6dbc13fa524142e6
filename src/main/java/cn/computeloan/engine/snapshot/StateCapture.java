package cn.computeloan.engine.snapshot;

import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableFlow;
import cn.computeloan.engine.model.ExecutableProcess;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the engine's state into {@link EngineStateData}, under the engine lock. Only the mutable
 * entities are copied; values (variables, delivered variables, message payloads) are immutable in
 * the engine (every change replaces them) and are shared, so the copy is cheap and the expensive
 * part — writing JSON — happens after the lock is released.
 */
public final class StateCapture {

  private StateCapture() {}

  /**
   * @throws SnapshotException when the state refers to something it does not hold (the snapshot is
   *     then skipped; the journal still has everything)
   */
  public static EngineStateData capture(EngineState state, long recordPosition, Instant pinned, long offsetMillis) {
    List<ProcessData> processes = new ArrayList<>();
    state.allProcessVersions().forEach(versions -> versions.forEach(p -> processes.add(new ProcessData(
        p.bpmnProcessId(), p.name(), p.version(), p.versionTag(), p.key(), p.deploymentKey(), p.resourceName(),
        p.checksum(), p.resource(), p.tenantId()))));
    processes.sort(Comparator.comparingLong(ProcessData::key));
    List<EngineState.Form> forms = new ArrayList<>();
    state.allFormVersions().forEach(forms::addAll);
    forms.sort(Comparator.comparingLong(EngineState.Form::key));
    List<DrgData> drgs = new ArrayList<>();
    state.allDecisionResourceVersions().forEach(versions -> versions.forEach(d -> drgs.add(new DrgData(d.drgId(),
        d.name(), d.version(), d.key(), d.resourceName(), d.resource(), d.checksum(), d.decisions().values().stream()
        .map(x -> new DecisionData(x.decisionId(), x.name(), x.version(), x.key())).toList()))));
    drgs.sort(Comparator.comparingLong(DrgData::key));

    List<InstanceData> instances = new ArrayList<>(state.elementInstances().size());
    state.elementInstances().values().forEach(i -> instances.add(instance(i, state)));
    List<ScopeVariables> variables = new ArrayList<>(state.variables().size());
    state.variables().forEach((scope, local) -> {
      List<VariableData> list = new ArrayList<>(local.size());
      local.forEach((name, v) -> list.add(new VariableData(name, v.key(), v.value())));
      variables.add(new ScopeVariables(scope, list));
    });
    List<JobData> jobs = new ArrayList<>(state.jobs().size());
    state.jobs().values().forEach(j -> jobs.add(job(j, state)));
    Map<String, List<Long>> activatable = new LinkedHashMap<>();
    state.activatableJobs().forEach((type, set) -> activatable.put(type, set.stream().map(Job::key).toList()));
    List<TimerData> timers = new ArrayList<>(state.timers().size());
    state.timers().values().forEach(t -> timers.add(timer(t, state)));
    List<MessageData> messages = new ArrayList<>(state.messages().size());
    state.messages().values().forEach(m -> messages.add(message(m)));
    List<UserTaskData> tasks = new ArrayList<>(state.userTasks().size());
    state.userTasks().values().forEach(t -> tasks.add(userTask(t, state)));
    List<IncidentData> incidents = new ArrayList<>(state.incidents().size());
    state.incidents().values().forEach(i -> incidents.add(new IncidentData(i.key(), i.errorType(), i.errorMessage(),
        held(i.elementInstance(), state, "incident " + i.key()), i.jobKey())));
    return new EngineStateData(state.peekKey(), recordPosition,
        new ClockData(pinned == null ? null : pinned.toEpochMilli(), offsetMillis), processes, forms, drgs, instances,
        variables, jobs, activatable, timers, subscriptions(state.messageSubscriptions(), state),
        subscriptions(state.signalSubscriptions(), state), messages, tasks, incidents);
  }

  private static InstanceData instance(ElementInstance i, EngineState state) {
    List<Long> children = new ArrayList<>(i.children().size());
    i.children().forEach(c -> children.add(held(c, state, "child of " + i.key())));
    Map<String, List<String>> joins = new LinkedHashMap<>();
    i.joinArrivals().forEach((gateway, flows) -> joins.put(gateway, new ArrayList<>(flows)));
    PendingEventData pending = null;
    if (i.pendingEvent() != null) {
      ElementInstance.PendingEvent e = i.pendingEvent();
      pending = new PendingEventData(ref(e.target(), i.process()), e.variables(),
          e.scope() == null ? -1 : held(e.scope(), state, "pending event of " + i.key()));
    }
    return new InstanceData(i.key(), i.process().key(), ref(i.element(), i.process()), i.processInstanceKey(),
        i.flowScopeKey(), i.state().name(), children, i.activeFlows(), joins, i.jobKey(), i.userTaskKey(),
        i.calledInstanceKey(), i.incidentKey(), i.parentElementInstanceKey(), i.parentProcessInstanceKey(),
        i.pendingVariables(), pending, i.loopCounter(), i.multiInstanceCompleted(), i.interrupted(),
        processorState(i), i.startMessageCorrelationKey());
  }

  private static ProcessorStateData processorState(ElementInstance i) {
    ProcessorState s = i.processorState();
    if (s == null) {
      return null;
    }
    return s.accept(new ProcessorState.Visitor<>() {
      @Override
      public ProcessorStateData chosenFlows(ChosenFlows flows) {
        return new ProcessorStateData("flows", flows.flows().stream().map(ExecutableFlow::id).toList(), null, 0);
      }

      @Override
      public ProcessorStateData loop(Loop loop) {
        return new ProcessorStateData("loop", null, loop.items(), loop.next());
      }

      @Override
      public ProcessorStateData startAt(StartAt start) {
        return new ProcessorStateData("start", start.elements().stream().map(e -> ref(e, i.process())).toList(),
            null, 0);
      }
    });
  }

  private static JobData job(Job j, EngineState state) {
    return new JobData(j.key(), j.type(), held(j.elementInstance(), state, "job " + j.key()), j.customHeaders(),
        j.kind(), j.listenerEventType(), j.state().name(), j.retries(), j.worker(), j.deadline(), j.backoffUntil(),
        j.errorMessage(), j.errorCode(), j.activatable());
  }

  private static TimerData timer(Timer t, EngineState state) {
    long owner = t.owner() == null ? -1 : held(t.owner(), state, "timer " + t.key());
    return new TimerData(t.key(), owner, t.process().key(), ref(t.target(), t.process()), t.dueDate(),
        t.repetitions(), t.interval(), t.cron());
  }

  private static List<SubscriptionData> subscriptions(Map<Long, MessageSubscription> map, EngineState state) {
    List<SubscriptionData> result = new ArrayList<>(map.size());
    for (MessageSubscription s : map.values()) {
      if (s.owner() == null) {
        throw new SnapshotException("subscription " + s.key() + " has no owner", null);
      }
      result.add(new SubscriptionData(s.key(), held(s.owner(), state, "subscription " + s.key()),
          ref(s.target(), s.owner().process()), s.messageName(), s.correlationKey()));
    }
    return result;
  }

  private static MessageData message(Message m) {
    return new MessageData(m.key(), m.name(), m.correlationKey(), m.messageId(), m.variables(), m.timeToLive(),
        m.deadline(), new ArrayList<>(m.correlatedProcessIds()));
  }

  private static UserTaskData userTask(UserTask t, EngineState state) {
    TransitionData transition = null;
    if (t.transition() != null) {
      UserTask.Transition x = t.transition();
      transition = new TransitionData(x.target().name(), x.action(), x.actor(), x.changes(),
          x.changedAttributes() == null ? null : new ArrayList<>(x.changedAttributes()));
    }
    return new UserTaskData(t.key(), held(t.elementInstance(), state, "user task " + t.key()), t.creationTimestamp(),
        t.state().name(), t.assignee(), new ArrayList<>(t.candidateGroups()), new ArrayList<>(t.candidateUsers()), t.dueDate(),
        t.followUpDate(), t.priority(), t.formKey(), t.externalFormReference(), t.customHeaders(), transition,
        t.nextListener());
  }

  /** The key of an instance the state holds; anything else cannot be restored by key. */
  private static long held(ElementInstance instance, EngineState state, String holder) {
    if (state.elementInstance(instance.key()) != instance) {
      throw new SnapshotException(holder + " refers to element instance " + instance.key()
          + ", which the engine no longer holds", null);
    }
    return instance.key();
  }

  /** {@code id}, or {@code id#} for the inner activity of the multi-instance body {@code id}. */
  static String ref(ExecutableElement element, ExecutableProcess process) {
    ExecutableElement registered = process.element(element.id());
    if (registered == element) {
      return element.id();
    }
    if (registered != null && registered.innerActivity() == element) {
      return element.id() + "#";
    }
    throw new SnapshotException("element " + element.id() + " is not part of process " + process.key(), null);
  }
}
