package cn.computeloan.credit.guarantee;

import cn.computeloan.credit.model.GuaranteeType;
import java.math.BigDecimal;

/**
 * One way to close a cover shortfall: add this much appraised value of this type.
 *
 * @param type guarantee type
 * @param appraisedValueNeeded appraised value that, after haircut, closes the shortfall (CNY)
 * @param haircut the type's haircut
 */
public record ShortfallOption(
    GuaranteeType type, BigDecimal appraisedValueNeeded, BigDecimal haircut) {}
