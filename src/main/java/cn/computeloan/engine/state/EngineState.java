package cn.computeloan.engine.state;

import cn.computeloan.engine.model.ExecutableProcess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything the engine knows right now. Mutated only on the engine thread, under the engine
 * lock; history lives in the record log, not here.
 *
 * <p>Maps keep insertion order (not hash order), so that a state restored from a snapshot, filled
 * in the order it was captured, iterates exactly like the original did: processing that walks a
 * map (closing timers of an element, timing out jobs) writes its records in the same order.
 */
public final class EngineState {

  /** A deployed form. */
  public record Form(String formId, int version, long key, String resourceName, String content, String checksum) {}

  /** A deployed DMN resource and the decisions in it. */
  public record DecisionResource(
      String drgId, String name, int version, long key, String resourceName, String resource, String checksum,
      Object parsed, Map<String, DecisionDef> decisions) {}

  /** One decision of a deployed DMN resource. */
  public record DecisionDef(String decisionId, String name, int version, long key, DecisionResource drg) {}

  private long nextKey = 2251799813685249L;
  final Map<Long, ExecutableProcess> processesByKey = new LinkedHashMap<>();
  final Map<String, List<ExecutableProcess>> processVersions = new LinkedHashMap<>();
  final Map<String, List<Form>> formVersions = new LinkedHashMap<>();
  final Map<String, List<DecisionResource>> drgVersions = new LinkedHashMap<>();
  final Map<String, List<DecisionDef>> decisionVersions = new LinkedHashMap<>();
  final Map<Long, ElementInstance> elementInstances = new LinkedHashMap<>();
  final Map<Long, Map<String, Variable>> variables = new LinkedHashMap<>();
  final Map<Long, Job> jobs = new LinkedHashMap<>();
  final Map<String, LinkedHashSet<Job>> activatableJobs = new LinkedHashMap<>();
  final Map<Long, Timer> timers = new LinkedHashMap<>();
  final TreeSet<Timer> timersByDueDate =
      new TreeSet<>(Comparator.comparingLong(Timer::dueDate).thenComparingLong(Timer::key));
  final Map<Long, MessageSubscription> messageSubscriptions = new LinkedHashMap<>();
  final Map<Long, MessageSubscription> signalSubscriptions = new LinkedHashMap<>();
  final Map<Long, Message> messages = new LinkedHashMap<>();
  final Map<Long, UserTask> userTasks = new LinkedHashMap<>();
  final Map<Long, Incident> incidents = new LinkedHashMap<>();

  /** A variable: its key (stable over updates) and its JSON-compatible value. */
  public static final class Variable {
    private final long key;
    private Object value;

    public Variable(long key, Object value) {
      this.key = key;
      this.value = value;
    }

    public long key() { return key; }
    public Object value() { return value; }
    public void value(Object v) { this.value = v; }
  }

  public long nextKey() {
    return nextKey++;
  }

  /** Sets the next key to hand out (restoring a snapshot). */
  public void restoreNextKey(long value) {
    this.nextKey = value;
  }

  /** The key {@link #nextKey()} will hand out next, without taking it. */
  public long peekKey() {
    return nextKey;
  }

  // --- definitions

  public void addProcess(ExecutableProcess process) {
    processesByKey.put(process.key(), process);
    processVersions.computeIfAbsent(process.bpmnProcessId(), k -> new ArrayList<>()).add(process);
  }

  public ExecutableProcess process(long key) { return processesByKey.get(key); }

  public ExecutableProcess latestProcess(String bpmnProcessId) {
    List<ExecutableProcess> versions = processVersions.get(bpmnProcessId);
    return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  public ExecutableProcess process(String bpmnProcessId, int version) {
    List<ExecutableProcess> versions = processVersions.getOrDefault(bpmnProcessId, List.of());
    return versions.stream().filter(p -> p.version() == version).findFirst().orElse(null);
  }

  public java.util.Collection<List<ExecutableProcess>> allProcessVersions() { return processVersions.values(); }

  public java.util.Collection<List<Form>> allFormVersions() { return formVersions.values(); }

  public java.util.Collection<List<DecisionResource>> allDecisionResourceVersions() { return drgVersions.values(); }

  public void addForm(Form form) { formVersions.computeIfAbsent(form.formId(), k -> new ArrayList<>()).add(form); }

  public Form latestForm(String formId) {
    List<Form> versions = formVersions.get(formId);
    return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  public void addDecisionResource(DecisionResource drg) {
    drgVersions.computeIfAbsent(drg.drgId(), k -> new ArrayList<>()).add(drg);
    drg.decisions().values().forEach(d -> decisionVersions.computeIfAbsent(d.decisionId(), k -> new ArrayList<>()).add(d));
  }

  public DecisionResource latestDecisionResource(String drgId) {
    List<DecisionResource> versions = drgVersions.get(drgId);
    return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  public DecisionDef latestDecision(String decisionId) {
    List<DecisionDef> versions = decisionVersions.get(decisionId);
    return versions == null || versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  public DecisionDef decision(long key) {
    return decisionVersions.values().stream().flatMap(List::stream).filter(d -> d.key() == key).findFirst().orElse(null);
  }

  // --- runtime

  public Map<Long, ElementInstance> elementInstances() { return elementInstances; }
  public ElementInstance elementInstance(long key) { return elementInstances.get(key); }
  public Map<Long, Map<String, Variable>> variables() { return variables; }
  public Map<Long, Job> jobs() { return jobs; }
  public Map<String, LinkedHashSet<Job>> activatableJobs() { return activatableJobs; }
  public Map<Long, Timer> timers() { return timers; }
  public TreeSet<Timer> timersByDueDate() { return timersByDueDate; }
  public Map<Long, MessageSubscription> messageSubscriptions() { return messageSubscriptions; }
  public Map<Long, MessageSubscription> signalSubscriptions() { return signalSubscriptions; }
  public Map<Long, Message> messages() { return messages; }
  public Map<Long, UserTask> userTasks() { return userTasks; }
  public Map<Long, Incident> incidents() { return incidents; }

  /**
   * Replaces everything with the content of {@code other} (a state restored from a snapshot), keeping
   * this object, which the processing classes hold.
   */
  public void restoreFrom(EngineState other) {
    clear();
    nextKey = other.nextKey;
    processesByKey.putAll(other.processesByKey);
    processVersions.putAll(other.processVersions);
    formVersions.putAll(other.formVersions);
    drgVersions.putAll(other.drgVersions);
    decisionVersions.putAll(other.decisionVersions);
    elementInstances.putAll(other.elementInstances);
    variables.putAll(other.variables);
    jobs.putAll(other.jobs);
    activatableJobs.putAll(other.activatableJobs);
    timers.putAll(other.timers);
    timersByDueDate.addAll(other.timersByDueDate);
    messageSubscriptions.putAll(other.messageSubscriptions);
    signalSubscriptions.putAll(other.signalSubscriptions);
    messages.putAll(other.messages);
    userTasks.putAll(other.userTasks);
    incidents.putAll(other.incidents);
  }

  /** Forgets everything (test purge). Keys keep increasing so no key is ever reused. */
  public void clear() {
    processesByKey.clear();
    processVersions.clear();
    formVersions.clear();
    drgVersions.clear();
    decisionVersions.clear();
    elementInstances.clear();
    variables.clear();
    jobs.clear();
    activatableJobs.clear();
    timers.clear();
    timersByDueDate.clear();
    messageSubscriptions.clear();
    signalSubscriptions.clear();
    messages.clear();
    userTasks.clear();
    incidents.clear();
  }
}
