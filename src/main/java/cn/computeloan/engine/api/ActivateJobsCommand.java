package cn.computeloan.engine.api;

import java.util.List;

/**
 * Long-polling job activation. Also journalled for each long poll served while another command ran
 * (then with no request timeout).
 *
 * @param timeoutMillis how long the activated jobs stay reserved for the worker
 * @param requestTimeoutMillis how long to wait for jobs when none is activatable (0 = answer now)
 * @param fetchVariables the variables to return (empty = all visible)
 */
public record ActivateJobsCommand(
    String type,
    String worker,
    long timeoutMillis,
    int maxJobsToActivate,
    long requestTimeoutMillis,
    List<String> fetchVariables,
    List<String> tenantIds) implements EngineCommand {

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.activateJobs(this);
  }
}
