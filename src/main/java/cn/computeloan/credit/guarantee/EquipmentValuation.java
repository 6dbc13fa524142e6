package cn.computeloan.credit.guarantee;

import cn.computeloan.credit.model.GpuGeneration;
import java.math.BigDecimal;

/**
 * How an equipment mortgage on GPU servers was valued: its generation's depreciation curve from the
 * hardware's age over the valuation horizon, and a haircut that grows when rental prices fall.
 * {@code coverValue = appraisedValue x depreciationFactor x (1 - haircut)}.
 *
 * @param offerIndex index in the application's {@code guaranteeOffers}
 * @param appraisedValue appraised value at the appraisal, CNY
 * @param gpuGeneration hardware generation
 * @param ageMonths age at the appraisal
 * @param monthsSinceAppraisal months from the appraisal to this valuation (0 at approval)
 * @param horizonMonths months ahead the cover counts the value the hardware keeps
 * @param residualAtAppraisal share of the new value left at the appraisal (the curve)
 * @param residualAtHorizon share left at the end of the horizon
 * @param depreciationFactor {@code residualAtHorizon / residualAtAppraisal}
 * @param marketPricePerGpuHour the bank's reference rental price now (null: none for the generation)
 * @param yearAgoPricePerGpuHour the reference price a year ago
 * @param borrowerPricePerGpuHour the rental price the borrower earns (null: not reported)
 * @param marketTrend reference price now / a year ago - 1
 * @param borrowerGap borrower's price / reference price - 1
 * @param rentalSignal the worse of the trend and the gap (null when neither is known)
 * @param haircut haircut for the rental signal ({@code GpuRentalHaircut})
 * @param effectiveHaircut {@code 1 - depreciationFactor x (1 - haircut)}: what the offer loses in all
 * @param coverValue what the offer counts as cover, CNY
 */
public record EquipmentValuation(
    int offerIndex,
    BigDecimal appraisedValue,
    GpuGeneration gpuGeneration,
    int ageMonths,
    int monthsSinceAppraisal,
    int horizonMonths,
    BigDecimal residualAtAppraisal,
    BigDecimal residualAtHorizon,
    BigDecimal depreciationFactor,
    BigDecimal marketPricePerGpuHour,
    BigDecimal yearAgoPricePerGpuHour,
    BigDecimal borrowerPricePerGpuHour,
    BigDecimal marketTrend,
    BigDecimal borrowerGap,
    BigDecimal rentalSignal,
    BigDecimal haircut,
    BigDecimal effectiveHaircut,
    BigDecimal coverValue) {}
