package cn.computeloan.engine.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Camunda user task and its lifecycle state. */
public final class UserTask {

  /** Zeebe's user task states. */
  public enum State {
    CREATING,
    CREATED,
    ASSIGNING,
    UPDATING,
    COMPLETING,
    CANCELING,
    COMPLETED,
    CANCELED
  }

  private final long key;
  private final ElementInstance elementInstance;
  private final long creationTimestamp;
  private State state = State.CREATING;
  private String assignee;
  private List<String> candidateGroups = new ArrayList<>();
  private List<String> candidateUsers = new ArrayList<>();
  private String dueDate;
  private String followUpDate;
  private int priority = 50;
  private long formKey = -1;
  private String externalFormReference;
  private Map<String, String> customHeaders = Map.of();
  /** The transition in progress while listeners run. */
  private Transition transition;
  private int nextListener;

  /**
   * A requested lifecycle transition, held while its task listeners run.
   *
   * @param changes for ASSIGNING the new assignee under "assignee"; for UPDATING the changed
   *     attributes; for COMPLETING the variables
   */
  public record Transition(State target, String action, String actor, Map<String, Object> changes,
      List<String> changedAttributes) {}

  public UserTask(long key, ElementInstance elementInstance, long creationTimestamp) {
    this.key = key;
    this.elementInstance = elementInstance;
    this.creationTimestamp = creationTimestamp;
  }

  public long key() { return key; }
  public ElementInstance elementInstance() { return elementInstance; }
  public long creationTimestamp() { return creationTimestamp; }
  public State state() { return state; }
  public void state(State value) { this.state = value; }
  public String assignee() { return assignee; }
  public void assignee(String value) { this.assignee = value; }
  public List<String> candidateGroups() { return candidateGroups; }
  public void candidateGroups(List<String> value) { this.candidateGroups = new ArrayList<>(value); }
  public List<String> candidateUsers() { return candidateUsers; }
  public void candidateUsers(List<String> value) { this.candidateUsers = new ArrayList<>(value); }
  public String dueDate() { return dueDate; }
  public void dueDate(String value) { this.dueDate = value; }
  public String followUpDate() { return followUpDate; }
  public void followUpDate(String value) { this.followUpDate = value; }
  public int priority() { return priority; }
  public void priority(int value) { this.priority = value; }
  public long formKey() { return formKey; }
  public void formKey(long value) { this.formKey = value; }
  public String externalFormReference() { return externalFormReference; }
  public void externalFormReference(String value) { this.externalFormReference = value; }
  public Map<String, String> customHeaders() { return customHeaders; }
  public void customHeaders(Map<String, String> value) { this.customHeaders = value; }
  public Transition transition() { return transition; }
  public void transition(Transition value) { this.transition = value; }
  public int nextListener() { return nextListener; }
  public void nextListener(int value) { this.nextListener = value; }
}
