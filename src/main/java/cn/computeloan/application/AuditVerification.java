package cn.computeloan.application;

import cn.computeloan.application.audit.ChainVerification;

/**
 * What {@code GET /api/applications/{id}/audit/verification} answers: the chain (the fields of
 * {@link ChainVerification}, as before) and whether the case file agrees with it.
 *
 * @param verified the chain is intact and the case file agrees with it
 */
public record AuditVerification(
    String applicationId, boolean verified, boolean intact, int events, String headHash, Integer firstBadSeq,
    Long firstBadEventId, String reason, CaseFile caseFile) {

  static AuditVerification of(ChainVerification chain, CaseFile caseFile) {
    return new AuditVerification(chain.applicationId(), chain.intact() && caseFile.verified(), chain.intact(),
        chain.events(), chain.headHash(), chain.firstBadSeq(), chain.firstBadEventId(), chain.reason(), caseFile);
  }

  /**
   * Whether every step and vote row, every document (its row and its stored bytes), the status and
   * the submitted application agree with the audit events.
   *
   * @param steps step rows checked
   * @param documents document rows checked (their bytes re-hashed)
   * @param status the application's status as stored
   * @param firstProblem the first disagreement (null if none)
   */
  public record CaseFile(boolean verified, int steps, int documents, String status, Problem firstProblem) {}

  /**
   * @param kind {@code APPLICATION}, {@code STATUS}, {@code STEP} or {@code DOCUMENT}
   * @param id the row concerned: application id, step row id or document id (null if its row is missing)
   * @param detail what disagrees
   */
  public record Problem(String kind, String id, String detail) {}
}
