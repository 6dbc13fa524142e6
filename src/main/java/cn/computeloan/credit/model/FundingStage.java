package cn.computeloan.credit.model;

/** Funding stage of the applicant. */
public enum FundingStage {
  SEED, ANGEL, SERIES_A, SERIES_B, SERIES_C_PLUS, PRE_IPO, LISTED
}
