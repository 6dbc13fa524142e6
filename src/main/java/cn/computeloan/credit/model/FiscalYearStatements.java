package cn.computeloan.credit.model;

/**
 * The three statements (三张表) of one fiscal year.
 *
 * @param fiscalYear calendar year the statements cover
 */
public record FiscalYearStatements(
    int fiscalYear,
    BalanceSheet balanceSheet,
    IncomeStatement incomeStatement,
    CashFlowStatement cashFlowStatement) {}
