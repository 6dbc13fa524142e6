package cn.computeloan.credit;

/**
 * A field-level problem in the input data. Reported, never thrown.
 *
 * @param field path such as {@code statements[1].balanceSheet.totalAssets}
 * @param code stable machine code, e.g. {@code BALANCE_MISMATCH}
 * @param message human-readable explanation
 */
public record Violation(String field, String code, String message) {}
