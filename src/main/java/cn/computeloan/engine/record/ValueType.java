package cn.computeloan.engine.record;

/** The kinds of record the engine writes; names follow Zeebe's {@code ValueType}. */
public enum ValueType {
  DEPLOYMENT,
  PROCESS,
  DECISION,
  DECISION_REQUIREMENTS,
  FORM,
  PROCESS_INSTANCE,
  PROCESS_INSTANCE_CREATION,
  JOB,
  VARIABLE,
  INCIDENT,
  TIMER,
  MESSAGE,
  MESSAGE_SUBSCRIPTION,
  MESSAGE_START_EVENT_SUBSCRIPTION,
  MESSAGE_CORRELATION,
  USER_TASK,
  DECISION_EVALUATION,
  SIGNAL,
  CLOCK
}
