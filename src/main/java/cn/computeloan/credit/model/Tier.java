package cn.computeloan.credit.model;

/** Compute scorecard tier (A best). */
public enum Tier {
  A, B, C
}
