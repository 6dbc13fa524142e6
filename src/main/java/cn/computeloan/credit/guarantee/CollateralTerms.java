package cn.computeloan.credit.guarantee;

import cn.computeloan.credit.model.GuaranteeType;
import java.math.BigDecimal;

/**
 * Haircut and cost of one guarantee type, from the {@code CollateralHaircut} table.
 *
 * @param type guarantee type
 * @param haircut share of the appraised value not counted (1 = counts nothing)
 * @param fixedCostCny fixed cost of setting the guarantee up (appraisal, registration), CNY
 * @param costRate cost as a share of the appraised value (e.g. guarantee fee)
 * @param ruleId the table rule
 * @param reasonZh reason in Chinese
 * @param reasonEn reason in English
 */
public record CollateralTerms(
    GuaranteeType type,
    BigDecimal haircut,
    BigDecimal fixedCostCny,
    BigDecimal costRate,
    String ruleId,
    String reasonZh,
    String reasonEn) {}
