package cn.computeloan.engine.model;

/** The BPMN element kinds the engine executes; names are Zeebe's {@code BpmnElementType}. */
public enum ElementKind {
  PROCESS,
  SUB_PROCESS,
  EVENT_SUB_PROCESS,
  START_EVENT,
  INTERMEDIATE_CATCH_EVENT,
  INTERMEDIATE_THROW_EVENT,
  BOUNDARY_EVENT,
  END_EVENT,
  SERVICE_TASK,
  SEND_TASK,
  SCRIPT_TASK,
  BUSINESS_RULE_TASK,
  RECEIVE_TASK,
  USER_TASK,
  MANUAL_TASK,
  TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  INCLUSIVE_GATEWAY,
  EVENT_BASED_GATEWAY,
  CALL_ACTIVITY,
  MULTI_INSTANCE_BODY,
  SEQUENCE_FLOW;

  /** True for elements that contain child elements and complete when their children are done. */
  public boolean isContainer() {
    return this == PROCESS || this == SUB_PROCESS || this == EVENT_SUB_PROCESS;
  }
}
