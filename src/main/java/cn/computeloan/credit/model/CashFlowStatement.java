package cn.computeloan.credit.model;

import java.math.BigDecimal;

/**
 * Cash-flow statement for a fiscal year, CNY. Identity checked: operating + investing + financing =
 * netChangeInCash. capitalExpenditure and debtPrincipalRepaid are positive outflows (they are also
 * inside investing and financing cash flow).
 */
public record CashFlowStatement(
    BigDecimal operatingCashFlow,
    BigDecimal investingCashFlow,
    BigDecimal financingCashFlow,
    BigDecimal netChangeInCash,
    BigDecimal capitalExpenditure,
    BigDecimal debtPrincipalRepaid) {}
