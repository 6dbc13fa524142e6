package cn.computeloan.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One executable BPMN element of a deployed process, with everything the processors need already
 * extracted from the XML. Built once at deployment by {@link ProcessTransformer}; immutable after.
 *
 * <p>A multi-instance activity becomes two elements with the same id: a {@link
 * ElementKind#MULTI_INSTANCE_BODY} that owns the flows and boundary events, and the inner activity
 * whose flow scope is the body — as in Zeebe.
 */
public final class ExecutableElement {

  private final String id;
  private final String name;
  private final ElementKind kind;
  private EventType eventType = EventType.UNSPECIFIED;
  private ExecutableElement flowScope;
  private final List<ExecutableFlow> incoming = new ArrayList<>();
  private final List<ExecutableFlow> outgoing = new ArrayList<>();
  private ExecutableFlow defaultFlow;
  private final List<ExecutableElement> children = new ArrayList<>();
  private final List<ExecutableElement> eventSubProcesses = new ArrayList<>();
  private final List<ExecutableElement> boundaryEvents = new ArrayList<>();
  private ExecutableElement attachedTo;
  private boolean interrupting = true;
  private List<Mapping> inputMappings = List.of();
  private List<Mapping> outputMappings = List.of();
  private JobDefinition jobDefinition;
  private TimerDefinition timer;
  private String messageName;
  private String correlationKey;
  private String errorCode;
  private String signalName;
  private String escalationCode;
  private String linkName;
  private ExecutableElement linkTarget;
  private String expression;
  private String resultVariable;
  private String calledDecisionId;
  private CalledElementDefinition calledElement;
  private UserTaskDefinition userTask;
  private MultiInstanceDefinition multiInstance;
  private ExecutableElement innerActivity;

  public ExecutableElement(String id, String name, ElementKind kind) {
    this.id = id;
    this.name = name;
    this.kind = kind;
  }

  public String id() { return id; }
  public String name() { return name; }
  public ElementKind kind() { return kind; }
  public EventType eventType() { return eventType; }
  public ExecutableElement flowScope() { return flowScope; }
  public List<ExecutableFlow> incoming() { return incoming; }
  public List<ExecutableFlow> outgoing() { return outgoing; }
  public ExecutableFlow defaultFlow() { return defaultFlow; }
  /** Direct children of a container (not of its embedded sub-processes). */
  public List<ExecutableElement> children() { return children; }
  public List<ExecutableElement> eventSubProcesses() { return eventSubProcesses; }
  public List<ExecutableElement> boundaryEvents() { return boundaryEvents; }
  public ExecutableElement attachedTo() { return attachedTo; }
  public boolean interrupting() { return interrupting; }
  public List<Mapping> inputMappings() { return inputMappings; }
  public List<Mapping> outputMappings() { return outputMappings; }
  public JobDefinition jobDefinition() { return jobDefinition; }
  public TimerDefinition timer() { return timer; }
  public String messageName() { return messageName; }
  public String correlationKey() { return correlationKey; }
  /** Thrown code of an error end event, or caught code of an error catch event (null = any). */
  public String errorCode() { return errorCode; }
  public String signalName() { return signalName; }
  /** Thrown code (static or expression) or caught code (static; null catches every escalation). */
  public String escalationCode() { return escalationCode; }
  public String linkName() { return linkName; }
  /** For a link throw event: the link catch event of the same scope that continues the flow. */
  public ExecutableElement linkTarget() { return linkTarget; }
  /** FEEL expression of a script task, or the completion condition of a multi-instance body. */
  public String expression() { return expression; }
  public String resultVariable() { return resultVariable; }
  public String calledDecisionId() { return calledDecisionId; }
  public CalledElementDefinition calledElement() { return calledElement; }
  public UserTaskDefinition userTask() { return userTask; }
  public MultiInstanceDefinition multiInstance() { return multiInstance; }
  /** For a multi-instance body: the activity it repeats. */
  public ExecutableElement innerActivity() { return innerActivity; }

  /** The none start event of a container, or null. */
  public ExecutableElement noneStartEvent() {
    for (ExecutableElement child : children) {
      if (child.kind == ElementKind.START_EVENT && child.eventType == EventType.NONE) {
        return child;
      }
    }
    return null;
  }

  /** The start event of an event sub-process (it has exactly one). */
  public ExecutableElement startEvent() {
    for (ExecutableElement child : children) {
      if (child.kind == ElementKind.START_EVENT) {
        return child;
      }
    }
    return null;
  }

  public boolean hasMappings() {
    return !inputMappings.isEmpty() || !outputMappings.isEmpty();
  }

  void eventType(EventType value) { this.eventType = value; }
  void flowScope(ExecutableElement value) { this.flowScope = value; }
  void defaultFlow(ExecutableFlow value) { this.defaultFlow = value; }
  void attachedTo(ExecutableElement value) { this.attachedTo = value; }
  void interrupting(boolean value) { this.interrupting = value; }
  void inputMappings(List<Mapping> value) { this.inputMappings = List.copyOf(value); }
  void outputMappings(List<Mapping> value) { this.outputMappings = List.copyOf(value); }
  void jobDefinition(JobDefinition value) { this.jobDefinition = value; }
  void timer(TimerDefinition value) { this.timer = value; }
  void message(String name, String key) { this.messageName = name; this.correlationKey = key; }
  void errorCode(String value) { this.errorCode = value; }
  void signalName(String value) { this.signalName = value; }
  void escalationCode(String value) { this.escalationCode = value; }
  void linkName(String value) { this.linkName = value; }
  void linkTarget(ExecutableElement value) { this.linkTarget = value; }
  void expression(String value) { this.expression = value; }
  void resultVariable(String value) { this.resultVariable = value; }
  void calledDecisionId(String value) { this.calledDecisionId = value; }
  void calledElement(CalledElementDefinition value) { this.calledElement = value; }
  void userTask(UserTaskDefinition value) { this.userTask = value; }
  void multiInstance(MultiInstanceDefinition value) { this.multiInstance = value; }
  void innerActivity(ExecutableElement value) { this.innerActivity = value; }

  @Override
  public String toString() {
    return kind + "[" + id + "]";
  }
}
