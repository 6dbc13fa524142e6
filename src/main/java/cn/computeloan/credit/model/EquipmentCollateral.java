package cn.computeloan.credit.model;

/**
 * What an equipment mortgage on GPU servers is: the valuation follows the generation's depreciation
 * curve from the hardware's age, and the GPU rental market.
 *
 * @param gpuGeneration hardware generation of the GPUs
 * @param ageMonths months since the hardware was put into service, at the appraisal
 * @param gpuCount GPU cards mortgaged (optional; for the record)
 */
public record EquipmentCollateral(GpuGeneration gpuGeneration, Integer ageMonths, Integer gpuCount) {}
