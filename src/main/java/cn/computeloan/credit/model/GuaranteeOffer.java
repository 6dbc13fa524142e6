package cn.computeloan.credit.model;

import java.math.BigDecimal;

/**
 * A guarantee the applicant offers.
 *
 * @param type guarantee type
 * @param provider who provides it (guarantor, owner of the collateral)
 * @param appraisedValue appraised value in CNY before haircut (0 for CREDIT)
 * @param equipment the GPU hardware of an equipment mortgage (EQUIPMENT_MORTGAGE only, optional:
 *     without it the type's flat haircut applies)
 */
public record GuaranteeOffer(GuaranteeType type, String provider, BigDecimal appraisedValue,
    EquipmentCollateral equipment) {

  /** An offer without equipment details. */
  public GuaranteeOffer(GuaranteeType type, String provider, BigDecimal appraisedValue) {
    this(type, provider, appraisedValue, null);
  }
}
