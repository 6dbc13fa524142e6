package cn.computeloan.engine.model;

/** A timer event definition: exactly one of date, duration or cycle, each an expression. */
public record TimerDefinition(Kind kind, String expression) {

  /** Which of the BPMN timer definitions is used. */
  public enum Kind {
    DATE,
    DURATION,
    CYCLE
  }
}
