package cn.computeloan.engine.api;

/**
 * A command the engine refused. The REST layer maps {@link Reason} to the HTTP status Camunda
 * uses: INVALID_ARGUMENT 400, NOT_FOUND 404, INVALID_STATE and ALREADY_EXISTS 409, FORBIDDEN 403, UNAVAILABLE 503, TIMEOUT 504.
 */
public class EngineException extends RuntimeException {

  /** Why the command was refused. */
  public enum Reason {
    INVALID_ARGUMENT,
    NOT_FOUND,
    INVALID_STATE,
    /** An entity with the same identity exists already (e.g. a buffered message with that id): 409. */
    ALREADY_EXISTS,
    FORBIDDEN,
    UNAVAILABLE,
    /** A request that waits (e.g. for an instance's result) ran out of time: 504. */
    TIMEOUT
  }

  private final Reason reason;

  public EngineException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  public static EngineException notFound(String what, long key) {
    return new EngineException(
        Reason.NOT_FOUND, "Expected to find %s with key '%d', but none was found".formatted(what, key));
  }

  public static EngineException invalidState(String message) {
    return new EngineException(Reason.INVALID_STATE, message);
  }

  public static EngineException invalidArgument(String message) {
    return new EngineException(Reason.INVALID_ARGUMENT, message);
  }
}
