package cn.computeloan.engine.state;

import java.util.Map;

/** A unit of work for a job worker (a service task's, or a user-task listener's). */
public final class Job {

  /** Job states, as searchable through the API. */
  public enum State {
    CREATED,
    ACTIVATED,
    FAILED,
    RETRIES_UPDATED,
    TIMED_OUT,
    ERROR_THROWN,
    COMPLETED,
    CANCELED
  }

  private final long key;
  private final String type;
  private final ElementInstance elementInstance;
  private final Map<String, String> customHeaders;
  private final String kind;
  private final String listenerEventType;
  private State state = State.CREATED;
  private int retries;
  private String worker = "";
  private long deadline = -1;
  private long backoffUntil = -1;
  private String errorMessage = "";
  private String errorCode = "";
  private boolean activatable = true;

  public Job(long key, String type, int retries, ElementInstance elementInstance,
      Map<String, String> customHeaders, String kind, String listenerEventType) {
    this.key = key;
    this.type = type;
    this.retries = retries;
    this.elementInstance = elementInstance;
    this.customHeaders = customHeaders;
    this.kind = kind;
    this.listenerEventType = listenerEventType;
  }

  public long key() { return key; }
  public String type() { return type; }
  public ElementInstance elementInstance() { return elementInstance; }
  public Map<String, String> customHeaders() { return customHeaders; }
  public String kind() { return kind; }
  public String listenerEventType() { return listenerEventType; }
  public State state() { return state; }
  public void state(State value) { this.state = value; }
  public int retries() { return retries; }
  public void retries(int value) { this.retries = value; }
  public String worker() { return worker; }
  public void worker(String value) { this.worker = value; }
  public long deadline() { return deadline; }
  public void deadline(long value) { this.deadline = value; }
  public long backoffUntil() { return backoffUntil; }
  public void backoffUntil(long value) { this.backoffUntil = value; }
  public String errorMessage() { return errorMessage; }
  public void errorMessage(String value) { this.errorMessage = value == null ? "" : value; }
  public String errorCode() { return errorCode; }
  public void errorCode(String value) { this.errorCode = value == null ? "" : value; }
  /** True while a worker may activate it: created, failed with retries, timed out. */
  public boolean activatable() { return activatable; }
  public void activatable(boolean value) { this.activatable = value; }
}
