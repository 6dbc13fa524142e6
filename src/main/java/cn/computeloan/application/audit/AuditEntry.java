package cn.computeloan.application.audit;

/**
 * What a caller appends; the trail adds sequence number, time and hashes.
 *
 * @param before JSON of the state before (or a decision's inputs); may be null
 * @param after JSON of the state after (or a decision's outputs); may be null
 */
public record AuditEntry(
    String actor,
    String role,
    String action,
    String before,
    String after,
    Long processInstanceKey,
    String elementId,
    Long elementInstanceKey,
    Long jobKey,
    String policyVersion) {

  public static AuditEntry of(String actor, String role, String action, String before, String after) {
    return new AuditEntry(actor, role, action, before, after, null, null, null, null, null);
  }
}
