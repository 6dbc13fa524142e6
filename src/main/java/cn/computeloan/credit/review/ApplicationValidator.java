package cn.computeloan.credit.review;

import cn.computeloan.credit.InputLimits;
import cn.computeloan.credit.Violation;
import cn.computeloan.credit.model.Applicant;
import cn.computeloan.credit.model.ComputeProfile;
import cn.computeloan.credit.model.EquipmentCollateral;
import cn.computeloan.credit.model.FiscalYearStatements;
import cn.computeloan.credit.model.GuaranteeOffer;
import cn.computeloan.credit.model.GuaranteeType;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.OrderContract;
import cn.computeloan.credit.model.Product;
import cn.computeloan.credit.model.ProjectCashFlow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Field-by-field validation of everything in an application except the statement lines (see
 * {@link StatementValidator}). Never throws for bad business data.
 */
public final class ApplicationValidator {

  /** At most three fiscal years are reviewed. */
  public static final int MAX_YEARS = 3;
  /** At most this many years of projected project cash flow (a 120-month loan spans 11). */
  public static final int MAX_PROJECT_YEARS = 15;
  /** GPU hardware older than this (months) is not valued as collateral. */
  public static final int MAX_EQUIPMENT_AGE_MONTHS = 240;
  /** A subsidy programme code as the {@code InterestSubsidy} table names it. */
  private static final java.util.regex.Pattern PROGRAMME = java.util.regex.Pattern.compile("[A-Z][A-Z0-9_]{0,39}");

  private ApplicationValidator() {}

  /** Violations of the application; {@code today} bounds the founding date. */
  public static List<Violation> validate(LoanApplication app, LocalDate today) {
    List<Violation> v = new ArrayList<>();
    text(v, "applicationId", app.applicationId(), InputLimits.REFERENCE);
    applicant(v, app.applicant(), today);
    if (app.product() == null) {
      v.add(new Violation("product", "REQUIRED", "product is required"));
    }
    positive(v, "requestedAmount", app.requestedAmount());
    money(v, "requestedAmount", app.requestedAmount());
    if (app.termMonths() <= 0) {
      v.add(new Violation("termMonths", "NOT_POSITIVE", "term must be at least one month"));
    }
    if (app.product() == Product.PROJECT) {
      positive(v, "projectTotalInvestment", app.projectTotalInvestment());
    }
    if (app.product() == Product.ORDER_FINANCING) {
      order(v, app.orderContract());
    }
    project(v, app);
    if (app.interestSubsidyProgramme() != null && !PROGRAMME.matcher(app.interestSubsidyProgramme()).matches()) {
      v.add(new Violation("interestSubsidyProgramme", "INVALID_FORMAT",
          "must be a programme code: a capital letter, then up to 39 capital letters, digits or '_'"));
    }
    statementYears(v, app.statements());
    profile(v, app.computeProfile());
    if (app.guaranteeOffers().size() > InputLimits.MAX_GUARANTEE_OFFERS) {
      v.add(new Violation("guaranteeOffers", "TOO_MANY",
          "at most " + InputLimits.MAX_GUARANTEE_OFFERS + " guarantees may be offered"));
    }
    for (int i = 0; i < Math.min(app.guaranteeOffers().size(), InputLimits.MAX_GUARANTEE_OFFERS); i++) {
      offer(v, "guaranteeOffers[" + i + "]", app.guaranteeOffers().get(i));
    }
    if (app.previousEsgRating() != null && app.esgRating() == null) {
      v.add(new Violation("esgRating", "REQUIRED",
          "a previous ESG rating is given, so the current one is needed to measure the change"));
    }
    return v;
  }

  /**
   * Dating problems of the statements at {@code statements[index]}: a fiscal year (calendar year,
   * as in China) before the applicant was founded, or one that has not ended by {@code today}.
   * The review treats such a year as invalid, so it never produces a ratio.
   */
  public static List<Violation> fiscalYearDating(FiscalYearStatements year, int index,
      Applicant applicant, LocalDate today) {
    List<Violation> v = new ArrayList<>();
    if (year == null) {
      return v;
    }
    String field = "statements[" + index + "].fiscalYear";
    if (year.fiscalYear() >= today.getYear()) {
      v.add(new Violation(field, "NOT_ENDED",
          "fiscal year " + year.fiscalYear() + " has not ended by " + today));
    }
    if (applicant != null && applicant.foundingDate() != null
        && year.fiscalYear() < applicant.foundingDate().getYear()) {
      v.add(new Violation(field, "BEFORE_FOUNDING", "fiscal year " + year.fiscalYear()
          + " is before the founding date " + applicant.foundingDate()));
    }
    return v;
  }

  private static void applicant(List<Violation> v, Applicant a, LocalDate today) {
    if (a == null) {
      v.add(new Violation("applicant", "REQUIRED", "applicant is required"));
      return;
    }
    if (a.name() == null || a.name().isBlank()) {
      v.add(new Violation("applicant.name", "REQUIRED", "name is required"));
    } else {
      text(v, "applicant.name", a.name(), InputLimits.NAME);
    }
    String code = a.unifiedSocialCreditCode();
    if (code == null || code.isBlank()) {
      v.add(new Violation("applicant.unifiedSocialCreditCode", "REQUIRED", "code is required"));
    } else if (code.length() != UnifiedSocialCreditCode.LENGTH
        || !code.chars().allMatch(ch -> UnifiedSocialCreditCode.ALPHABET.indexOf(ch) >= 0)) {
      v.add(new Violation("applicant.unifiedSocialCreditCode", "INVALID_FORMAT",
          "must be 18 characters from 0-9 and A-Y without I, O, S, V, Z"));
    } else if (!UnifiedSocialCreditCode.isValid(code)) {
      v.add(new Violation("applicant.unifiedSocialCreditCode", "INVALID_CHECK_DIGIT",
          "check character should be "
              + UnifiedSocialCreditCode.checkCharacter(code.substring(0, 17))));
    }
    if (a.segment() == null) {
      v.add(new Violation("applicant.segment", "REQUIRED", "segment is required"));
    }
    if (a.fundingStage() == null) {
      v.add(new Violation("applicant.fundingStage", "REQUIRED", "funding stage is required"));
    }
    if (a.foundingDate() == null) {
      v.add(new Violation("applicant.foundingDate", "REQUIRED", "founding date is required"));
    } else if (a.foundingDate().isAfter(today)) {
      v.add(new Violation("applicant.foundingDate", "OUT_OF_RANGE", "lies in the future"));
    }
  }

  private static void order(List<Violation> v, OrderContract o) {
    if (o == null) {
      v.add(new Violation("orderContract", "REQUIRED", "order financing needs the order"));
      return;
    }
    if (o.buyer() == null || o.buyer().isBlank()) {
      v.add(new Violation("orderContract.buyer", "REQUIRED", "buyer is required"));
    } else {
      text(v, "orderContract.buyer", o.buyer(), InputLimits.NAME);
    }
    positive(v, "orderContract.amount", o.amount());
  }

  /** The project's plan (operation date, projected cash flow) belongs to project loans only. */
  private static void project(List<Violation> v, LoanApplication app) {
    boolean project = app.product() == Product.PROJECT;
    if (!project && app.projectOperationDate() != null) {
      v.add(new Violation("projectOperationDate", "NOT_APPLICABLE", "only project loans have an operation date"));
    }
    if (!project && !app.projectCashFlows().isEmpty()) {
      v.add(new Violation("projectCashFlows", "NOT_APPLICABLE", "only project loans have projected cash flows"));
      return;
    }
    if (app.projectCashFlows().size() > MAX_PROJECT_YEARS) {
      v.add(new Violation("projectCashFlows", "TOO_MANY", "at most " + MAX_PROJECT_YEARS + " years"));
      return;
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < app.projectCashFlows().size(); i++) {
      ProjectCashFlow p = app.projectCashFlows().get(i);
      String path = "projectCashFlows[" + i + "]";
      if (p == null) {
        v.add(new Violation(path, "REQUIRED", "year is empty"));
        continue;
      }
      if (p.year() < 2000 || p.year() > 2100) {
        v.add(new Violation(path + ".year", "OUT_OF_RANGE", "must be a calendar year between 2000 and 2100"));
      } else if (!seen.add(p.year())) {
        v.add(new Violation(path + ".year", "DUPLICATE_YEAR", "year " + p.year() + " appears twice"));
      }
      if (p.operatingCashFlow() == null) {
        v.add(new Violation(path + ".operatingCashFlow", "REQUIRED", "value is required"));
      }
    }
  }

  private static void equipment(List<Violation> v, String path, GuaranteeOffer o) {
    EquipmentCollateral e = o.equipment();
    if (e == null) {
      return;
    }
    if (o.type() != GuaranteeType.EQUIPMENT_MORTGAGE) {
      v.add(new Violation(path + ".equipment", "NOT_APPLICABLE", "only an equipment mortgage has GPU hardware"));
      return;
    }
    if (e.gpuGeneration() == null) {
      v.add(new Violation(path + ".equipment.gpuGeneration", "REQUIRED", "GPU generation is required"));
    }
    if (e.ageMonths() == null) {
      v.add(new Violation(path + ".equipment.ageMonths", "REQUIRED", "age in months is required"));
    } else if (e.ageMonths() < 0 || e.ageMonths() > MAX_EQUIPMENT_AGE_MONTHS) {
      v.add(new Violation(path + ".equipment.ageMonths", "OUT_OF_RANGE",
          "must be between 0 and " + MAX_EQUIPMENT_AGE_MONTHS + " months"));
    }
    if (e.gpuCount() != null && (e.gpuCount() < 1 || e.gpuCount() > 1_000_000)) {
      v.add(new Violation(path + ".equipment.gpuCount", "OUT_OF_RANGE", "must be between 1 and 1,000,000"));
    }
  }

  private static void statementYears(List<Violation> v, List<FiscalYearStatements> years) {
    if (years.isEmpty()) {
      v.add(new Violation("statements", "REQUIRED", "one to three fiscal years are required"));
    } else if (years.size() > MAX_YEARS) {
      v.add(new Violation("statements", "TOO_MANY", "at most three fiscal years are reviewed"));
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < years.size(); i++) {
      FiscalYearStatements y = years.get(i);
      if (y != null && !seen.add(y.fiscalYear())) {
        v.add(new Violation("statements[" + i + "].fiscalYear", "DUPLICATE_YEAR",
            "fiscal year " + y.fiscalYear() + " appears twice"));
      }
    }
  }

  private static void profile(List<Violation> v, ComputeProfile p) {
    if (p == null) {
      v.add(new Violation("computeProfile", "REQUIRED", "compute profile is required"));
      return;
    }
    share(v, "computeProfile.averageUtilisation", p.averageUtilisation());
    share(v, "computeProfile.largestCustomerRevenueShare", p.largestCustomerRevenueShare());
    if (p.pue() != null && p.pue().compareTo(BigDecimal.ONE) < 0) {
      v.add(new Violation("computeProfile.pue", "OUT_OF_RANGE", "PUE cannot be below 1"));
    }
    if (p.rdStaff() != null && p.totalStaff() != null && p.rdStaff() > p.totalStaff()) {
      v.add(new Violation("computeProfile.rdStaff", "OUT_OF_RANGE", "exceeds total staff"));
    }
    nonNegative(v, "computeProfile.operatedComputePflops", p.operatedComputePflops());
    nonNegative(v, "computeProfile.orderBacklog", p.orderBacklog());
    nonNegative(v, "computeProfile.coreTeamTenureYears", p.coreTeamTenureYears());
    nonNegativeInt(v, "computeProfile.gpuCount", p.gpuCount());
    nonNegativeInt(v, "computeProfile.rdStaff", p.rdStaff());
    nonNegativeInt(v, "computeProfile.totalStaff", p.totalStaff());
    nonNegativeInt(v, "computeProfile.patents", p.patents());
    nonNegativeInt(v, "computeProfile.softwareCopyrights", p.softwareCopyrights());
    nonNegativeInt(v, "computeProfile.coreTeamSize", p.coreTeamSize());
    nonNegative(v, "computeProfile.rentalPricePerGpuHour", p.rentalPricePerGpuHour());
  }

  private static void offer(List<Violation> v, String path, GuaranteeOffer o) {
    if (o == null) {
      v.add(new Violation(path, "REQUIRED", "offer is empty"));
      return;
    }
    if (o.type() == null) {
      v.add(new Violation(path + ".type", "REQUIRED", "guarantee type is required"));
    }
    if (o.type() != GuaranteeType.CREDIT) {
      if (o.appraisedValue() == null) {
        v.add(new Violation(path + ".appraisedValue", "REQUIRED", "appraised value is required"));
      } else {
        nonNegative(v, path + ".appraisedValue", o.appraisedValue());
      }
      if (o.provider() == null || o.provider().isBlank()) {
        v.add(new Violation(path + ".provider", "REQUIRED", "provider is required"));
      }
    }
    text(v, path + ".provider", o.provider(), InputLimits.NAME);
    equipment(v, path, o);
  }

  /** A name or reference: at most {@code max} characters, none of them a control character. */
  private static void text(List<Violation> v, String field, String value, int max) {
    if (value == null) {
      return;
    }
    if (value.length() > max) {
      v.add(new Violation(field, "TOO_LONG", "must be at most " + max + " characters"));
    } else if (!InputLimits.printable(value)) {
      v.add(new Violation(field, "INVALID_CHARACTERS", "must not contain control characters"));
    }
  }

  /** An amount stored in fen: no more decimal places than that. */
  private static void money(List<Violation> v, String field, BigDecimal value) {
    if (value != null && value.stripTrailingZeros().scale() > InputLimits.MONEY_DECIMAL_PLACES) {
      v.add(new Violation(field, "TOO_PRECISE", "must have at most " + InputLimits.MONEY_DECIMAL_PLACES
          + " decimal places (fen)"));
    }
  }

  private static void positive(List<Violation> v, String field, BigDecimal value) {
    if (value == null) {
      v.add(new Violation(field, "REQUIRED", "value is required"));
    } else if (value.signum() <= 0) {
      v.add(new Violation(field, "NOT_POSITIVE", "must be positive"));
    }
  }

  private static void nonNegative(List<Violation> v, String field, BigDecimal value) {
    if (value != null && value.signum() < 0) {
      v.add(new Violation(field, "NEGATIVE_VALUE", "must not be negative"));
    }
  }

  private static void nonNegativeInt(List<Violation> v, String field, Integer value) {
    if (value != null && value < 0) {
      v.add(new Violation(field, "NEGATIVE_VALUE", "must not be negative"));
    }
  }

  private static void share(List<Violation> v, String field, BigDecimal value) {
    if (value != null && (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0)) {
      v.add(new Violation(field, "OUT_OF_RANGE", "must be between 0 and 1"));
    }
  }
}
