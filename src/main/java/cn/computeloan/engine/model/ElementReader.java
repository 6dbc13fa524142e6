package cn.computeloan.engine.model;

import io.camunda.zeebe.model.bpmn.instance.*;
import io.camunda.zeebe.model.bpmn.instance.zeebe.*;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one BPMN flow element into an {@link ExecutableElement}, recording a {@link ModelProblem}
 * for anything the engine does not execute.
 */
final class ElementReader {

  private final List<ModelProblem> problems;

  ElementReader(List<ModelProblem> problems) {
    this.problems = problems;
  }

  ExecutableElement read(FlowElement node, ExecutableElement scope) {
    ElementKind kind = kindOf(node);
    if (kind == null) {
      return null;
    }
    ExecutableElement element = new ExecutableElement(node.getId(), node.getName(), kind);
    element.flowScope(scope);
    readMappings(node, element);
    rejectUnsupportedExtensions(node);
    switch (kind) {
      case START_EVENT -> readStartEvent((StartEvent) node, element, scope);
      case END_EVENT, INTERMEDIATE_THROW_EVENT -> readThrowEvent((ThrowEvent) node, element);
      case INTERMEDIATE_CATCH_EVENT -> readCatchEvent((CatchEvent) node, element, false);
      case BOUNDARY_EVENT -> {
        element.interrupting(((BoundaryEvent) node).cancelActivity());
        readCatchEvent((CatchEvent) node, element, true);
      }
      case SERVICE_TASK, SEND_TASK -> requireJob(node, element);
      case SCRIPT_TASK -> readScriptTask(node, element);
      case BUSINESS_RULE_TASK -> readBusinessRuleTask(node, element);
      case RECEIVE_TASK -> {
        element.eventType(EventType.MESSAGE);
        readMessage(((ReceiveTask) node).getMessage(), node, element);
      }
      case USER_TASK -> readUserTask(node, element);
      case EXCLUSIVE_GATEWAY, INCLUSIVE_GATEWAY, EVENT_BASED_GATEWAY, PARALLEL_GATEWAY -> { }
      case CALL_ACTIVITY -> readCallActivity(node, element);
      case SUB_PROCESS, EVENT_SUB_PROCESS, MANUAL_TASK, TASK -> { }
      default -> problem(node, "is not supported by the embedded engine");
    }
    if (node instanceof Activity activity && activity.getLoopCharacteristics() != null) {
      return wrapMultiInstance(activity, element, scope);
    }
    return element;
  }

  private ElementKind kindOf(FlowElement node) {
    if (node instanceof SubProcess sub) {
      if (node instanceof Transaction || node instanceof AdHocSubProcess) {
        problem(node, "is not supported by the embedded engine");
        return null;
      }
      return sub.triggeredByEvent() ? ElementKind.EVENT_SUB_PROCESS : ElementKind.SUB_PROCESS;
    }
    if (node instanceof StartEvent) return ElementKind.START_EVENT;
    if (node instanceof EndEvent) return ElementKind.END_EVENT;
    if (node instanceof BoundaryEvent) return ElementKind.BOUNDARY_EVENT;
    if (node instanceof IntermediateCatchEvent) return ElementKind.INTERMEDIATE_CATCH_EVENT;
    if (node instanceof IntermediateThrowEvent) return ElementKind.INTERMEDIATE_THROW_EVENT;
    if (node instanceof ServiceTask) return ElementKind.SERVICE_TASK;
    if (node instanceof SendTask) return ElementKind.SEND_TASK;
    if (node instanceof ScriptTask) return ElementKind.SCRIPT_TASK;
    if (node instanceof BusinessRuleTask) return ElementKind.BUSINESS_RULE_TASK;
    if (node instanceof ReceiveTask) return ElementKind.RECEIVE_TASK;
    if (node instanceof UserTask) return ElementKind.USER_TASK;
    if (node instanceof ManualTask) return ElementKind.MANUAL_TASK;
    if (node instanceof CallActivity) return ElementKind.CALL_ACTIVITY;
    if (node instanceof ExclusiveGateway) return ElementKind.EXCLUSIVE_GATEWAY;
    if (node instanceof ParallelGateway) return ElementKind.PARALLEL_GATEWAY;
    if (node instanceof InclusiveGateway) return ElementKind.INCLUSIVE_GATEWAY;
    if (node instanceof EventBasedGateway) return ElementKind.EVENT_BASED_GATEWAY;
    if (node instanceof Task && node.getClass().getSimpleName().equals("TaskImpl")) return ElementKind.TASK;
    if (node instanceof FlowNode) {
      problem(node, "is not supported by the embedded engine");
    }
    // data objects, data stores and other non-flow-node elements carry no behaviour
    return null;
  }

  private void readStartEvent(StartEvent node, ExecutableElement element, ExecutableElement scope) {
    element.interrupting(node.isInterrupting());
    EventDefinition definition = single(node, node.getEventDefinitions());
    if (definition == null) {
      element.eventType(EventType.NONE);
    } else if (definition instanceof TimerEventDefinition timer) {
      element.eventType(EventType.TIMER);
      element.timer(readTimer(node, timer));
    } else if (definition instanceof MessageEventDefinition message) {
      element.eventType(EventType.MESSAGE);
      readMessage(message.getMessage(), node, element);
    } else if (definition instanceof ErrorEventDefinition error && scope.kind() == ElementKind.EVENT_SUB_PROCESS) {
      element.eventType(EventType.ERROR);
      element.errorCode(error.getError() == null ? null : error.getError().getErrorCode());
    } else if (definition instanceof EscalationEventDefinition escalation && scope.kind() == ElementKind.EVENT_SUB_PROCESS) {
      element.eventType(EventType.ESCALATION);
      element.escalationCode(caughtEscalationCode(escalation));
    } else if (definition instanceof SignalEventDefinition signal) {
      element.eventType(EventType.SIGNAL);
      element.signalName(signal.getSignal() == null ? null : signal.getSignal().getName());
    } else {
      problem(node, "has an event definition the embedded engine does not support: " + typeName(definition));
    }
  }

  private static String caughtEscalationCode(EscalationEventDefinition definition) {
    Escalation escalation = definition.getEscalation();
    String code = escalation == null ? null : escalation.getEscalationCode();
    return code == null || code.isBlank() ? null : code;
  }

  private void readThrowEvent(ThrowEvent node, ExecutableElement element) {
    EventDefinition definition = single(node, node.getEventDefinitions());
    if (definition == null) {
      element.eventType(EventType.NONE);
    } else if (definition instanceof ErrorEventDefinition error && node instanceof EndEvent) {
      element.eventType(EventType.ERROR);
      element.errorCode(error.getError() == null ? null : error.getError().getErrorCode());
      if (element.errorCode() == null || element.errorCode().isBlank()) {
        problem(node, "must reference an error with an error code");
      }
    } else if (definition instanceof TerminateEventDefinition && node instanceof EndEvent) {
      element.eventType(EventType.TERMINATE);
    } else if (definition instanceof EscalationEventDefinition escalation) {
      element.eventType(EventType.ESCALATION);
      element.escalationCode(caughtEscalationCode(escalation));
      if (element.escalationCode() == null) {
        problem(node, "must reference an escalation with an escalation code");
      }
    } else if (definition instanceof LinkEventDefinition link && node instanceof IntermediateThrowEvent) {
      element.eventType(EventType.LINK);
      element.linkName(link.getName());
    } else if (definition instanceof MessageEventDefinition) {
      // Zeebe runs message throw events as jobs of their task definition
      element.eventType(EventType.MESSAGE);
      requireJob(node, element);
    } else if (definition instanceof SignalEventDefinition signal) {
      element.eventType(EventType.SIGNAL);
      element.signalName(signal.getSignal() == null ? null : signal.getSignal().getName());
    } else {
      problem(node, "has an event definition the embedded engine does not support: " + typeName(definition));
    }
  }

  private void readCatchEvent(CatchEvent node, ExecutableElement element, boolean boundary) {
    EventDefinition definition = single(node, node.getEventDefinitions());
    if (definition instanceof TimerEventDefinition timer) {
      element.eventType(EventType.TIMER);
      element.timer(readTimer(node, timer));
    } else if (definition instanceof MessageEventDefinition message) {
      element.eventType(EventType.MESSAGE);
      readMessage(message.getMessage(), node, element);
    } else if (definition instanceof ErrorEventDefinition error && boundary) {
      element.eventType(EventType.ERROR);
      element.errorCode(error.getError() == null ? null : error.getError().getErrorCode());
    } else if (definition instanceof EscalationEventDefinition escalation && boundary) {
      element.eventType(EventType.ESCALATION);
      element.escalationCode(caughtEscalationCode(escalation));
    } else if (definition instanceof LinkEventDefinition link && !boundary) {
      element.eventType(EventType.LINK);
      element.linkName(link.getName());
    } else if (definition instanceof SignalEventDefinition signal) {
      element.eventType(EventType.SIGNAL);
      element.signalName(signal.getSignal() == null ? null : signal.getSignal().getName());
    } else {
      problem(node, "has an event definition the embedded engine does not support: " + typeName(definition));
    }
  }

  private TimerDefinition readTimer(BaseElement node, TimerEventDefinition timer) {
    if (timer.getTimeDate() != null) {
      return new TimerDefinition(TimerDefinition.Kind.DATE, timer.getTimeDate().getTextContent().trim());
    }
    if (timer.getTimeDuration() != null) {
      return new TimerDefinition(TimerDefinition.Kind.DURATION, timer.getTimeDuration().getTextContent().trim());
    }
    if (timer.getTimeCycle() != null) {
      return new TimerDefinition(TimerDefinition.Kind.CYCLE, timer.getTimeCycle().getTextContent().trim());
    }
    problem(node, "has a timer without date, duration or cycle");
    return null;
  }

  private void readMessage(Message message, BaseElement node, ExecutableElement element) {
    if (message == null || message.getName() == null || message.getName().isBlank()) {
      problem(node, "must reference a message with a name");
      return;
    }
    ZeebeSubscription subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    element.message(message.getName(), subscription == null ? null : subscription.getCorrelationKey());
  }

  private void requireJob(BaseElement node, ExecutableElement element) {
    ZeebeTaskDefinition task = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (task == null || task.getType() == null || task.getType().isBlank()) {
      problem(node, "must have a zeebe:taskDefinition with a type");
      return;
    }
    element.jobDefinition(new JobDefinition(task.getType(), task.getRetries(), headers(node)));
  }

  private void readScriptTask(BaseElement node, ExecutableElement element) {
    ZeebeScript script = node.getSingleExtensionElement(ZeebeScript.class);
    if (script != null) {
      element.expression(script.getExpression());
      element.resultVariable(script.getResultVariable());
    } else {
      requireJob(node, element);
    }
  }

  private void readBusinessRuleTask(BaseElement node, ExecutableElement element) {
    ZeebeCalledDecision decision = node.getSingleExtensionElement(ZeebeCalledDecision.class);
    if (decision != null) {
      if (decision.getBindingType() != null && decision.getBindingType() != ZeebeBindingType.latest) {
        problem(node, "uses binding type '" + decision.getBindingType() + "'; the embedded engine supports 'latest'");
      }
      element.calledDecisionId(decision.getDecisionId());
      element.resultVariable(decision.getResultVariable());
    } else {
      requireJob(node, element);
    }
  }

  private void readCallActivity(BaseElement node, ExecutableElement element) {
    ZeebeCalledElement called = node.getSingleExtensionElement(ZeebeCalledElement.class);
    if (called == null || called.getProcessId() == null || called.getProcessId().isBlank()) {
      problem(node, "must have a zeebe:calledElement with a processId");
      return;
    }
    if (called.getBindingType() != null && called.getBindingType() != ZeebeBindingType.latest) {
      problem(node, "uses binding type '" + called.getBindingType() + "'; the embedded engine supports 'latest'");
    }
    element.calledElement(new CalledElementDefinition(called.getProcessId(),
        called.isPropagateAllChildVariablesEnabled(), called.isPropagateAllParentVariablesEnabled()));
  }

  private void readUserTask(BaseElement node, ExecutableElement element) {
    if (node.getSingleExtensionElement(ZeebeUserTask.class) == null) {
      problem(node, "is a job-worker user task; the embedded engine runs Camunda user tasks (zeebe:userTask)");
      return;
    }
    ZeebeAssignmentDefinition assignment = node.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    ZeebeTaskSchedule schedule = node.getSingleExtensionElement(ZeebeTaskSchedule.class);
    ZeebePriorityDefinition priority = node.getSingleExtensionElement(ZeebePriorityDefinition.class);
    ZeebeFormDefinition form = node.getSingleExtensionElement(ZeebeFormDefinition.class);
    if (form != null && form.getFormKey() != null && !form.getFormKey().isBlank()) {
      problem(node, "links an embedded form (formKey); link a deployed form with formId instead");
    }
    if (form != null && form.getBindingType() != null && form.getBindingType() != ZeebeBindingType.latest) {
      problem(node, "uses form binding type '" + form.getBindingType() + "'; the embedded engine supports 'latest'");
    }
    List<TaskListenerDefinition> listeners = new ArrayList<>();
    ZeebeTaskListeners taskListeners = node.getSingleExtensionElement(ZeebeTaskListeners.class);
    if (taskListeners != null) {
      for (ZeebeTaskListener listener : taskListeners.getTaskListeners()) {
        listeners.add(new TaskListenerDefinition(canonicalListenerEvent(listener.getEventType()),
            listener.getType(), listener.getRetries()));
      }
    }
    element.userTask(new UserTaskDefinition(
        assignment == null ? null : assignment.getAssignee(),
        assignment == null ? null : assignment.getCandidateGroups(),
        assignment == null ? null : assignment.getCandidateUsers(),
        schedule == null ? null : schedule.getDueDate(),
        schedule == null ? null : schedule.getFollowUpDate(),
        priority == null ? null : priority.getPriority(),
        form == null ? null : form.getFormId(),
        form == null ? null : form.getExternalReference(),
        headers(node),
        listeners));
  }

  private static String canonicalListenerEvent(ZeebeTaskListenerEventType type) {
    return switch (type) {
      case create, creating -> "creating";
      case assignment, assigning -> "assigning";
      case update, updating -> "updating";
      case complete, completing -> "completing";
      case cancel, canceling -> "canceling";
    };
  }

  private ExecutableElement wrapMultiInstance(Activity activity, ExecutableElement inner, ExecutableElement scope) {
    if (!(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop)) {
      problem(activity, "uses standard loop characteristics; use multi-instance");
      return inner;
    }
    ZeebeLoopCharacteristics zeebe = loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    if (zeebe == null || zeebe.getInputCollection() == null || zeebe.getInputCollection().isBlank()) {
      problem(activity, "multi-instance needs zeebe:loopCharacteristics with an inputCollection");
      return inner;
    }
    String completion = loop.getCompletionCondition() == null ? null : loop.getCompletionCondition().getTextContent();
    ExecutableElement body = new ExecutableElement(inner.id(), inner.name(), ElementKind.MULTI_INSTANCE_BODY);
    body.flowScope(scope);
    body.multiInstance(new MultiInstanceDefinition(loop.isSequential(), zeebe.getInputCollection(),
        zeebe.getInputElement(), zeebe.getOutputCollection(), zeebe.getOutputElement(), completion));
    body.expression(completion == null || completion.isBlank() ? null : completion.trim());
    body.innerActivity(inner);
    inner.flowScope(body);
    return body;
  }

  /** Adds problems found outside this reader (checks that need a whole scope). */
  void report(List<ModelProblem> found) {
    problems.addAll(found);
  }

  void attachBoundary(BoundaryEvent node, ExecutableElement boundary, Map<String, ExecutableElement> elements) {
    Activity attached = node.getAttachedTo();
    ExecutableElement activity = attached == null ? null : elements.get(attached.getId());
    if (activity == null) {
      problem(node, "is not attached to an activity");
      return;
    }
    boundary.attachedTo(activity);
    activity.boundaryEvents().add(boundary);
  }

  void connect(SequenceFlow flow, Map<String, ExecutableElement> elements) {
    ExecutableElement source = elements.get(flow.getSource().getId());
    ExecutableElement target = elements.get(flow.getTarget().getId());
    if (source == null || target == null) {
      return;
    }
    String condition = flow.getConditionExpression() == null ? null : flow.getConditionExpression().getTextContent().trim();
    ExecutableFlow executable = new ExecutableFlow(flow.getId(), source, target, condition);
    source.outgoing().add(executable);
    target.incoming().add(executable);
    FlowNode sourceNode = flow.getSource();
    SequenceFlow defaultFlow = null;
    if (sourceNode instanceof ExclusiveGateway gateway) defaultFlow = gateway.getDefault();
    if (sourceNode instanceof InclusiveGateway gateway) defaultFlow = gateway.getDefault();
    if (defaultFlow != null && defaultFlow.getId().equals(flow.getId())) {
      source.defaultFlow(executable);
    }
  }

  private void readMappings(FlowElement node, ExecutableElement element) {
    ZeebeIoMapping io = node.getSingleExtensionElement(ZeebeIoMapping.class);
    if (io == null) {
      return;
    }
    element.inputMappings(io.getInputs().stream().map(m -> new Mapping(m.getSource(), m.getTarget())).toList());
    element.outputMappings(io.getOutputs().stream().map(m -> new Mapping(m.getSource(), m.getTarget())).toList());
  }

  private void rejectUnsupportedExtensions(FlowElement node) {
    if (node.getSingleExtensionElement(ZeebeExecutionListeners.class) != null) {
      problem(node, "has execution listeners, which the embedded engine does not run");
    }
    if (node.getSingleExtensionElement(ZeebeUserTaskForm.class) != null) {
      problem(node, "embeds a form (zeebe:userTaskForm); deploy the form and link it with formId");
    }
  }

  private static Map<String, String> headers(BaseElement node) {
    ZeebeTaskHeaders headers = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
    Map<String, String> result = new LinkedHashMap<>();
    if (headers != null) {
      headers.getHeaders().forEach(h -> result.put(h.getKey(), h.getValue()));
    }
    return result;
  }

  private EventDefinition single(BaseElement node, Collection<EventDefinition> definitions) {
    if (definitions.size() > 1) {
      problem(node, "has several event definitions (multiple events are not supported)");
    }
    return definitions.isEmpty() ? null : definitions.iterator().next();
  }

  private void problem(BaseElement node, String message) {
    problems.add(new ModelProblem(node.getId(), typeName(node), message));
  }

  private static String typeName(org.camunda.bpm.model.xml.instance.ModelElementInstance element) {
    return element.getElementType().getTypeName();
  }
}
