package cn.computeloan.engine.api;

import java.util.List;

/** What a deployment created (or found unchanged): processes, decisions, DRGs and forms. */
public record DeploymentResult(long deploymentKey, String tenantId, List<Deployed> deployments) {

  /** Kind of a deployed definition. */
  public enum Kind {
    PROCESS,
    DECISION,
    DECISION_REQUIREMENTS,
    FORM
  }

  /**
   * @param id BPMN process id, decision id, DRG id or form id
   * @param decisionRequirementsKey for a decision, its DRG key; -1 otherwise
   */
  public record Deployed(
      Kind kind,
      String id,
      String name,
      int version,
      long key,
      String resourceName,
      String decisionRequirementsId,
      long decisionRequirementsKey,
      String tenantId) {}
}
