package cn.computeloan.credit.model;

import java.math.BigDecimal;

/**
 * The project's projected operating cash flow in one calendar year (PROJECT loans), from the
 * feasibility study: what the financed facility adds to the firm's cash available for debt service.
 *
 * @param year calendar year
 * @param operatingCashFlow projected operating cash flow of the project in that year, CNY (negative
 *     while it is being built)
 */
public record ProjectCashFlow(int year, BigDecimal operatingCashFlow) {}
