package cn.computeloan.credit.review;

import java.math.BigDecimal;

/**
 * Checks across the three statements of the latest valid year (and the year before it).
 *
 * @param fiscalYear the year checked, null if no year was valid
 * @param negativeEquity total equity below zero
 * @param profitNotBackedByCash net profit positive while operating cash flow is negative
 * @param receivablesGrowthGap receivables growth minus revenue growth (null if not computable)
 */
public record CrossStatementChecks(
    Integer fiscalYear,
    boolean negativeEquity,
    boolean profitNotBackedByCash,
    BigDecimal receivablesGrowthGap) {}
