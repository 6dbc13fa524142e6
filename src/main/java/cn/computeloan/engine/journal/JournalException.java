package cn.computeloan.engine.journal;

/** The journal failed to store or read entries; the engine stops acknowledging commands. */
public class JournalException extends RuntimeException {
  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
