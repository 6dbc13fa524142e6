package cn.computeloan.credit.guarantee;

import cn.computeloan.credit.model.GuaranteeType;
import java.math.BigDecimal;

/**
 * An offered guarantee after haircut, with its cost.
 *
 * @param offerIndex index in the application's {@code guaranteeOffers}
 * @param type guarantee type
 * @param provider provider
 * @param appraisedValue appraised value, CNY
 * @param haircut haircut applied
 * @param coverValue appraised value x (1 - haircut), CNY
 * @param cost fixed cost + cost rate x appraised value, CNY
 * @param selected whether the proposal uses it
 */
public record OfferValuation(
    int offerIndex,
    GuaranteeType type,
    String provider,
    BigDecimal appraisedValue,
    BigDecimal haircut,
    BigDecimal coverValue,
    BigDecimal cost,
    boolean selected) {}
