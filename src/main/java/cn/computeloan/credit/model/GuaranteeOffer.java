package cn.computeloan.credit.model;

import java.math.BigDecimal;

/**
 * A guarantee the applicant offers.
 *
 * @param type guarantee type
 * @param provider who provides it (guarantor, owner of the collateral)
 * @param appraisedValue appraised value in CNY before haircut (0 for CREDIT)
 */
public record GuaranteeOffer(GuaranteeType type, String provider, BigDecimal appraisedValue) {}
