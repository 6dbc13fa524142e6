package cn.computeloan.credit.model;

/** Post-loan early-warning level (NORMAL best). */
public enum WarningLevel {
  NORMAL, WATCH, WARNING
}
