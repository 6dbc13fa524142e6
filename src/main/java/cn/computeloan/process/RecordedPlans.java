package cn.computeloan.process;

import cn.computeloan.credit.repayment.DebtServiceCoverage.YearCoverage;
import cn.computeloan.credit.repayment.PlanOption;
import cn.computeloan.credit.repayment.PlanTerms;
import cn.computeloan.credit.repayment.RepaymentSchedule;
import cn.computeloan.process.CaseFile.RecordedStep;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The repayment plans as the case file recorded them: the proposal after pricing ({@value #PROPOSAL},
 * every permitted plan with its terms and coverage), the schedule fixed at disbursement
 * ({@value #SCHEDULE}). What the bank signs and monitors is read from here, never from variables.
 */
public final class RecordedPlans {

  /** The step the plan proposal is recorded under. */
  public static final String PROPOSAL = "REPAYMENT_PLAN";
  /** The step the disbursed loan's schedule is recorded under. */
  public static final String SCHEDULE = "REPAYMENT_SCHEDULE";

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final Map<String, String> LABELS = Map.of(
      "EQUAL_PRINCIPAL", "等额本金 Equal principal",
      "EQUAL_INSTALMENT", "等额本息 Equal instalments",
      "INTEREST_ONLY_GRACE", "先息后本（宽限期）Interest only, then equal principal",
      "BALLOON", "到期大额还本 Balloon / bullet");

  private RecordedPlans() {}

  /** The plans the latest proposal offers (available ones), by method name. */
  @SuppressWarnings("unchecked")
  public static Map<String, Map<String, Object>> availableOptions(CaseFile caseFile, String applicationId) {
    List<RecordedStep> proposals = caseFile.recorded(applicationId, PROPOSAL);
    Map<String, Map<String, Object>> options = new LinkedHashMap<>();
    if (proposals.isEmpty()) {
      return options;
    }
    Object list = proposals.get(proposals.size() - 1).result().get("options");
    if (list instanceof List<?> all) {
      for (Object o : all) {
        Map<String, Object> option = (Map<String, Object>) o;
        if (Boolean.TRUE.equals(option.get("available"))) {
          options.put(String.valueOf(option.get("method")), option);
        }
      }
    }
    return options;
  }

  /** The latest proposal as recorded, or empty. */
  public static Optional<RecordedStep> proposal(CaseFile caseFile, String applicationId) {
    List<RecordedStep> proposals = caseFile.recorded(applicationId, PROPOSAL);
    return proposals.isEmpty() ? Optional.empty() : Optional.of(proposals.get(proposals.size() - 1));
  }

  /** Plan terms from their recorded JSON form. */
  public static PlanTerms terms(Object recorded) {
    return JSON.convertValue(recorded, PlanTerms.class);
  }

  /** A value as the case file records it (JSON-shaped maps, dates as ISO text). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> json(Object value) {
    return JSON.convertValue(value, Map.class);
  }

  /** The schedule fixed at disbursement, if the loan has one. */
  public static Optional<RepaymentSchedule> schedule(CaseFile caseFile, String applicationId) {
    List<RecordedStep> schedules = caseFile.recorded(applicationId, SCHEDULE);
    if (schedules.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(JSON.convertValue(schedules.get(schedules.size() - 1).result().get("schedule"),
        RepaymentSchedule.class));
  }

  /** A plan as the forms show it: the figures an analyst and an approver compare. */
  public static Map<String, Object> summary(PlanOption o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", o.method().name());
    m.put("label", LABELS.get(o.method().name()));
    m.put("available", o.available());
    m.put("unavailableZh", o.unavailableZh());
    m.put("intervalMonths", o.terms() == null ? null : o.terms().intervalMonths());
    m.put("graceMonths", o.terms() == null ? null : o.terms().graceMonths());
    m.put("balloonShare", o.terms() == null ? null : o.terms().balloonShare());
    m.put("bulletDate", o.terms() == null || o.terms().bulletDate() == null ? null : o.terms().bulletDate().toString());
    m.put("periods", o.periods());
    m.put("firstDueDate", o.firstDueDate() == null ? null : o.firstDueDate().toString());
    m.put("maturity", o.maturity() == null ? null : o.maturity().toString());
    m.put("firstPayment", o.firstPayment());
    m.put("largestPayment", o.largestPayment());
    m.put("totalInterest", o.totalInterest());
    m.put("totalSubsidy", o.totalSubsidy());
    m.put("lowestDscr", o.lowestDscr());
    m.put("meetsMinimum", o.meetsMinimum());
    List<Map<String, Object>> yearly = new ArrayList<>();
    for (YearCoverage y : o.yearly()) {
      yearly.add(year(y));
    }
    m.put("yearly", yearly);
    return m;
  }

  private static Map<String, Object> year(YearCoverage y) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("year", y.year());
    m.put("cashAvailable", y.cashAvailable());
    m.put("debtService", y.debtService());
    m.put("dscr", y.dscr());
    return m;
  }

  /** The radio button of a plan in the proposal form. */
  public static Map<String, Object> choice(PlanOption o) {
    String dscr = o.lowestDscr() == null ? "—" : o.lowestDscr().toPlainString();
    return Map.of("value", o.method().name(), "label", LABELS.get(o.method().name()) + " · DSCR " + dscr
        + (o.meetsMinimum() ? " ✓" : " ✗"));
  }
}
