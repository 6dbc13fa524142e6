package cn.computeloan.credit.model;

/** Business segment of the applicant (江苏银行's compute infrastructure and compute enablement segments). */
public enum Segment {
  AI_CHIP, COMPUTE_SERVER, CLOUD_COMPUTE, DATA_CENTER, AIGC_MODEL, VERTICAL_AI_APP
}
