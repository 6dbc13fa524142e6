package cn.computeloan.workspace.task;

import cn.computeloan.credit.Violation;
import java.util.List;

/** A request to the task API that names bad fields: 400 listing each, nothing changed. */
public final class InvalidTaskRequestException extends RuntimeException {

  private final transient List<Violation> violations;

  public InvalidTaskRequestException(List<Violation> violations) {
    super(violations.size() + " invalid field(s)");
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
