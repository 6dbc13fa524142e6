package cn.computeloan.credit.review;

import java.math.BigDecimal;

/**
 * Ratios of one fiscal year whose statements passed validation. A null ratio is not computable
 * (zero denominator, no previous year, or not meaningful, e.g. debt/EBITDA with negative EBITDA).
 *
 * @param fiscalYear the year
 * @param debtToAsset total liabilities / total assets
 * @param currentRatio current assets / current liabilities
 * @param quickRatio (current assets - inventory) / current liabilities
 * @param interestCoverage operating profit (EBIT) / interest expense
 * @param ebitda operating profit + depreciation and amortisation, CNY
 * @param interestBearingDebt short-term + long-term debt, CNY
 * @param debtToEbitda interest-bearing debt / EBITDA, only for positive EBITDA
 * @param debtServiceCoverage EBITDA / (interest + principal repaid)
 * @param netMargin net profit / revenue
 * @param grossMargin gross profit / revenue
 * @param revenueGrowth revenue / previous year's revenue - 1 (consecutive valid years only)
 * @param receivablesGrowth receivables / previous year's receivables - 1
 * @param rdIntensity R&D expense / revenue
 * @param operatingCashFlowToCurrentLiabilities operating cash flow / current liabilities
 * @param cashRunwayMonths for loss-making firms burning cash: cash / monthly cash burn (operating
 *     cash flow less capital expenditure)
 */
public record YearRatios(
    int fiscalYear,
    BigDecimal debtToAsset,
    BigDecimal currentRatio,
    BigDecimal quickRatio,
    BigDecimal interestCoverage,
    BigDecimal ebitda,
    BigDecimal interestBearingDebt,
    BigDecimal debtToEbitda,
    BigDecimal debtServiceCoverage,
    BigDecimal netMargin,
    BigDecimal grossMargin,
    BigDecimal revenueGrowth,
    BigDecimal receivablesGrowth,
    BigDecimal rdIntensity,
    BigDecimal operatingCashFlowToCurrentLiabilities,
    BigDecimal cashRunwayMonths) {}
