package cn.computeloan.credit.repayment;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One period of a repayment schedule. Money in CNY at scale 2.
 *
 * @param number 1-based
 * @param accrualStart interest runs from this day (the previous due date, or the value date)
 * @param dueDate payment date: the contractual date moved to the next business day
 * @param days interest days, {@code dueDate - accrualStart} (actual days; interest on actual / 360)
 * @param principal principal repaid
 * @param interest interest of the period at the contract rate
 * @param subsidy part of the interest the subsidy issuer pays (the bank claims it)
 * @param payment what the borrower pays: principal + interest - subsidy
 * @param outstanding principal outstanding after the payment
 */
public record RepaymentPeriod(
    int number,
    LocalDate accrualStart,
    LocalDate dueDate,
    int days,
    BigDecimal principal,
    BigDecimal interest,
    BigDecimal subsidy,
    BigDecimal payment,
    BigDecimal outstanding) {}
