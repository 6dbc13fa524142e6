package cn.computeloan.engine.api;

import java.util.List;

/**
 * Long-polling job activation.
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
    List<String> tenantIds) {}
