package cn.computeloan.credit.model;

/** Compute-loan product applied for. */
public enum Product {
  COMPUTE_OPERATING, COMPUTE_UPGRADE, WORKING_CAPITAL, PROJECT, ORDER_FINANCING
}
