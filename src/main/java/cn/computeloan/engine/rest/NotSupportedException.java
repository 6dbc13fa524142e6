package cn.computeloan.engine.rest;

/** A Camunda API feature the embedded engine does not offer: a 501. */
public class NotSupportedException extends RuntimeException {

  public NotSupportedException(String message) {
    super(message);
  }
}
