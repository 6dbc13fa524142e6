package cn.computeloan.credit.warning;

import cn.computeloan.credit.model.ComputeProfile;
import cn.computeloan.credit.model.FiscalYearStatements;
import java.time.LocalDate;

/**
 * What post-loan monitoring (贷后管理) knows about the borrower at one point in time. Compare
 * like-for-like periods (full year with full year).
 *
 * @param asOf date of the snapshot
 * @param computeProfile compute profile at that date
 * @param statements statements of the period
 */
public record MonitoringSnapshot(
    LocalDate asOf, ComputeProfile computeProfile, FiscalYearStatements statements) {}
