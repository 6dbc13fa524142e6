package cn.computeloan.workspace.task;

/**
 * The task API refuses an action: {@link Kind#NOT_FOUND} (no such task, or not one the person may
 * see), {@link Kind#FORBIDDEN} (not their group), {@link Kind#CONFLICT} (the task's state or a
 * listener's denial: completed, claimed or reassigned meanwhile, four eyes). The message is shown
 * to the person as it is (a listener's reason in Chinese and English).
 */
public final class TaskRefusedException extends RuntimeException {

  public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT }

  private final Kind kind;

  public TaskRefusedException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
