package cn.computeloan.credit.model;

import java.time.LocalDate;

/**
 * The applicant enterprise.
 *
 * @param name registered name
 * @param unifiedSocialCreditCode 18-character unified social credit code (GB 32100)
 * @param segment business segment
 * @param fundingStage funding stage
 * @param foundingDate date of incorporation
 */
public record Applicant(
    String name,
    String unifiedSocialCreditCode,
    Segment segment,
    FundingStage fundingStage,
    LocalDate foundingDate) {}
