package cn.computeloan.engine.snapshot;

/** A snapshot could not be taken or restored; the journal still holds what it covers. */
public class SnapshotException extends RuntimeException {
  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
