package cn.computeloan.credit.model;

/** Outcome of the traditional three-statement review. */
public enum ReviewOutcome {
  PASS, REFER, FAIL
}
