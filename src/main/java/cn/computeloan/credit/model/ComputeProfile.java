package cn.computeloan.credit.model;

import java.math.BigDecimal;

/**
 * Compute-specific facts about the applicant (算力算效, team, IP, market). Any field may be null when
 * not reported; the scorecard then gives the band the DMN defines for a missing value.
 *
 * @param operatedComputePflops compute operated or owned, in PFLOPS
 * @param gpuCount GPU cards operated
 * @param averageUtilisation average compute utilisation, 0..1
 * @param pue power usage effectiveness of the data centre (null if not applicable)
 * @param rdStaff research and development staff
 * @param totalStaff total staff
 * @param coreTeamSize members of the core team (founders, key engineers)
 * @param coreTeamTenureYears average years the core team has worked together
 * @param patents granted patents
 * @param softwareCopyrights registered software copyrights
 * @param orderBacklog signed, undelivered orders in CNY
 * @param largestCustomerRevenueShare largest customer's share of revenue, 0..1
 * @param rentalPricePerGpuHour average compute rental price earned, CNY per GPU-hour (operators)
 */
public record ComputeProfile(
    BigDecimal operatedComputePflops,
    Integer gpuCount,
    BigDecimal averageUtilisation,
    BigDecimal pue,
    Integer rdStaff,
    Integer totalStaff,
    Integer coreTeamSize,
    BigDecimal coreTeamTenureYears,
    Integer patents,
    Integer softwareCopyrights,
    BigDecimal orderBacklog,
    BigDecimal largestCustomerRevenueShare,
    BigDecimal rentalPricePerGpuHour) {}
