package cn.computeloan.credit.limit;

import java.math.BigDecimal;

/**
 * One cap on the credit limit.
 *
 * @param code {@code REQUESTED}, {@code PRODUCT_MAX}, {@code PROJECT_INVESTMENT_SHARE}, {@code
 *     CONTRACT_SHARE}, {@code TIER_SHARE}, {@code REVIEW_FAILED} or {@code MISSING_BASIS}
 * @param amount the cap in CNY
 * @param binding true if this cap equals the granted limit
 * @param reasonZh reason in Chinese
 * @param reasonEn reason in English
 */
public record LimitCap(
    String code, BigDecimal amount, boolean binding, String reasonZh, String reasonEn) {}
