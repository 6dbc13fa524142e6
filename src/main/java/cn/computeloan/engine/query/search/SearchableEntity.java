package cn.computeloan.engine.query.search;



/** The entity kinds the read model can search, each answering one {@code /v2/.../search}. */
public enum SearchableEntity {
  PROCESS_DEFINITION,
  DECISION_DEFINITION,
  DECISION_REQUIREMENTS,
  FORM,
  PROCESS_INSTANCE,
  ELEMENT_INSTANCE,
  VARIABLE,
  INCIDENT,
  JOB,
  USER_TASK,
  MESSAGE_SUBSCRIPTION,
  CORRELATED_MESSAGE_SUBSCRIPTION,
  DECISION_INSTANCE,
  /** Engine extension: every change of a variable with its writer and time (not in Camunda 8.8). */
  VARIABLE_CHANGE
}
