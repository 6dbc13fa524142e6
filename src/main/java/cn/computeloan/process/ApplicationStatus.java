package cn.computeloan.process;

/** Where an application stands; part of the public API contract. */
public enum ApplicationStatus {
  SUBMITTED,
  IN_REVIEW,
  PENDING_APPROVAL,
  APPROVED,
  REJECTED,
  WITHDRAWN,
  DISBURSED
}
