package cn.computeloan.credit.model;

import java.math.BigDecimal;

/**
 * Balance sheet at fiscal year end, CNY. Subtotals are reported as filed so that the review can
 * check them against their components.
 */
public record BalanceSheet(
    BigDecimal cash,
    BigDecimal accountsReceivable,
    BigDecimal inventory,
    BigDecimal otherCurrentAssets,
    BigDecimal totalCurrentAssets,
    BigDecimal fixedAssets,
    BigDecimal intangibleAssets,
    BigDecimal otherNonCurrentAssets,
    BigDecimal totalAssets,
    BigDecimal shortTermDebt,
    BigDecimal accountsPayable,
    BigDecimal otherCurrentLiabilities,
    BigDecimal totalCurrentLiabilities,
    BigDecimal longTermDebt,
    BigDecimal otherNonCurrentLiabilities,
    BigDecimal totalLiabilities,
    BigDecimal totalEquity) {}
