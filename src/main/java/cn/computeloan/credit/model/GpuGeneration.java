package cn.computeloan.credit.model;

/**
 * Hardware generation of the GPUs in an equipment mortgage: each generation loses value on its own
 * curve ({@code GpuCollateral} table), so the generation, not the brand, drives the valuation.
 */
public enum GpuGeneration {
  /** V100 and older data-centre cards. */
  VOLTA,
  /** A100, A800, A30. */
  AMPERE,
  /** H100, H800, H20, H200. */
  HOPPER,
  /** B200, GB200. */
  BLACKWELL,
  /** Huawei Ascend 910B and its successors. */
  ASCEND_910,
  /** Anything else: valued on the most conservative curve. */
  OTHER
}
