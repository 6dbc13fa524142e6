package cn.computeloan.engine.state;

/**
 * An open incident: the element instance stopped at a failed step, and (for job incidents) the
 * job.
 */
public record Incident(long key, String errorType, String errorMessage, ElementInstance elementInstance, long jobKey) {}
