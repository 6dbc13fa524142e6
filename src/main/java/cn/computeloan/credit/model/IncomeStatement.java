package cn.computeloan.credit.model;

import java.math.BigDecimal;

/**
 * Income statement for a fiscal year, CNY. Expenses are positive numbers; profits may be negative.
 * Identities checked by the review: grossProfit = revenue - costOfRevenue; operatingProfit =
 * grossProfit - rdExpense - sellingAndAdminExpense + otherOperatingIncome; netProfit =
 * operatingProfit - interestExpense + nonOperatingIncome - incomeTax.
 */
public record IncomeStatement(
    BigDecimal revenue,
    BigDecimal costOfRevenue,
    BigDecimal grossProfit,
    BigDecimal rdExpense,
    BigDecimal sellingAndAdminExpense,
    BigDecimal otherOperatingIncome,
    BigDecimal operatingProfit,
    BigDecimal interestExpense,
    BigDecimal nonOperatingIncome,
    BigDecimal incomeTax,
    BigDecimal netProfit,
    BigDecimal depreciationAndAmortisation) {}
