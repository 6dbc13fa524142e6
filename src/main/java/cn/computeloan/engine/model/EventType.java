package cn.computeloan.engine.model;

/** The event definition of an event element; names are Zeebe's {@code BpmnEventType}. */
public enum EventType {
  UNSPECIFIED,
  NONE,
  TIMER,
  MESSAGE,
  ERROR,
  TERMINATE,
  SIGNAL,
  ESCALATION,
  LINK
}
