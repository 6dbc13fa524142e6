package cn.computeloan.credit.guarantee;

import static cn.computeloan.credit.Money.cny;

import cn.computeloan.credit.FiredRule;
import cn.computeloan.credit.PolicyParameters;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisions;
import cn.computeloan.credit.limit.LimitResult;
import cn.computeloan.credit.model.GuaranteeOffer;
import cn.computeloan.credit.model.GuaranteeType;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.credit.model.Tier;
import cn.computeloan.credit.score.ScoreResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Guarantee requirement (by tier, product and amount) and the least-cost combination of offers
 * whose haircut value covers it. Exhaustive search over subsets: applications carry a handful of
 * offers, and an exact answer is easier to defend to an approver than a heuristic.
 */
public final class GuaranteeSelector {

  /** DMN decision id of the requirement table. */
  public static final String REQUIREMENT = "GuaranteeRequirement";

  /** DMN decision id of the haircut and cost table. */
  public static final String HAIRCUT = "CollateralHaircut";

  /** Offers beyond this many are valued but not combined (2^16 subsets is the search bound). */
  public static final int MAX_COMBINED_OFFERS = 16;

  private final PolicyDecisions decisions;
  private final GpuCollateralValuer gpu;

  /** Creates the selector on the given decisions. */
  public GuaranteeSelector(PolicyDecisions decisions) {
    this.decisions = decisions;
    this.gpu = new GpuCollateralValuer(decisions);
  }

  /** Requirement and proposal for the application, its tier and its proposed limit. */
  public GuaranteeResult assess(LoanApplication app, ScoreResult score, LimitResult limit,
      PolicyParameters parameters) {
    return assess(app, score.tier(), limit.approvedAmount(), parameters.gpuValuationHorizonMonths());
  }

  /** Requirement and proposal for a tier and a limit (GPU horizon from the parameters table if needed). */
  public GuaranteeResult assess(LoanApplication app, Tier tier, BigDecimal limit) {
    boolean gpuOffers = app.guaranteeOffers().stream().anyMatch(GpuCollateralValuer::applies);
    // the parameters table is read only when a GPU offer needs its horizon
    return assess(app, tier, limit, gpuOffers ? PolicyParameters.load(decisions).gpuValuationHorizonMonths() : 0);
  }

  /** Requirement and proposal for a tier and a limit, GPU collateral valued over {@code horizonMonths}. */
  public GuaranteeResult assess(LoanApplication app, Tier tier, BigDecimal limit, int horizonMonths) {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("tier", tier.name());
    inputs.put("product", String.valueOf(app.product()));
    inputs.put("amount", limit);
    DecisionOutcome requirement = decisions.evaluate(REQUIREMENT, inputs);
    BigDecimal ratio = requirement.number("requiredCoverRatio");
    ratio = ratio == null ? BigDecimal.ONE : ratio; // no rule: be safe, ask for full cover
    boolean pureCredit = Boolean.TRUE.equals(requirement.single() == null
        ? null : requirement.single().outputs().get("pureCreditAllowed"));
    BigDecimal required = cny(limit.multiply(ratio));

    // Each DMN evaluation costs a FEEL context; look up only the types offered, and the others
    // only when a shortfall needs the options to close it.
    Map<GuaranteeType, CollateralTerms> terms = new EnumMap<>(GuaranteeType.class);
    List<FiredRule> fired = new ArrayList<>(FiredRule.from(requirement, null));
    List<String> versions = new ArrayList<>(List.of(requirement.policyVersion()));
    for (GuaranteeType type : GuaranteeType.values()) {
      if (offered(app, type)) {
        lookUp(type, terms, fired, versions);
      }
    }
    List<EquipmentValuation> equipment = new ArrayList<>();
    List<OfferValuation> valued = value(app, terms, horizonMonths, equipment, fired, versions);
    boolean[] chosen = choose(valued, required);
    boolean met = chosen != null;
    if (!met) {
      // Best effort: propose every useful offer and say what is missing.
      chosen = new boolean[valued.size()];
      for (int i = 0; i < valued.size(); i++) {
        chosen[i] = valued.get(i).coverValue().signum() > 0;
      }
    }
    List<OfferValuation> offers = new ArrayList<>();
    BigDecimal cover = BigDecimal.ZERO;
    BigDecimal cost = BigDecimal.ZERO;
    for (int i = 0; i < valued.size(); i++) {
      OfferValuation o = valued.get(i);
      offers.add(new OfferValuation(o.offerIndex(), o.type(), o.provider(), o.appraisedValue(),
          o.haircut(), o.coverValue(), o.cost(), chosen[i]));
      if (chosen[i]) {
        cover = cover.add(o.coverValue());
        cost = cost.add(o.cost());
      }
    }
    BigDecimal shortfall = met ? cny(BigDecimal.ZERO) : cny(required.subtract(cover));
    BigDecimal achieved = limit.signum() > 0
        ? cover.divide(limit, 4, RoundingMode.HALF_UP) : BigDecimal.ZERO;
    if (shortfall.signum() > 0) {
      for (GuaranteeType type : GuaranteeType.values()) {
        if (!terms.containsKey(type)) {
          lookUp(type, terms, null, versions);
        }
      }
    }
    return new GuaranteeResult(cny(limit), ratio, required, pureCredit, List.copyOf(offers),
        cny(cover), cny(cost), achieved, met, shortfall, options(shortfall, terms),
        List.copyOf(equipment), inputs, List.copyOf(fired), List.copyOf(versions));
  }

  /**
   * Haircut and cost of one type into {@code terms}; its rule joins {@code fired} when given (the
   * types offered), and the table's version joins {@code versions} once.
   */
  private void lookUp(GuaranteeType type, Map<GuaranteeType, CollateralTerms> terms,
      List<FiredRule> fired, List<String> versions) {
    DecisionOutcome haircut = decisions.evaluate(HAIRCUT, Map.of("guaranteeType", type.name()));
    if (!versions.contains(haircut.policyVersion())) {
      versions.add(haircut.policyVersion());
    }
    if (haircut.single() == null) {
      return;
    }
    terms.put(type, new CollateralTerms(type, haircut.number("haircut"),
        haircut.number("fixedCostCny"), haircut.number("costRate"), haircut.single().ruleId(),
        haircut.text("reasonZh"), haircut.text("reasonEn")));
    if (fired != null) {
      fired.addAll(FiredRule.from(haircut, null));
    }
  }

  private static boolean offered(LoanApplication app, GuaranteeType type) {
    return app.guaranteeOffers().stream().anyMatch(o -> o != null && o.type() == type);
  }

  private List<OfferValuation> value(LoanApplication app, Map<GuaranteeType, CollateralTerms> terms,
      int horizonMonths, List<EquipmentValuation> equipment, List<FiredRule> fired, List<String> versions) {
    List<GuaranteeOffer> offers = app.guaranteeOffers();
    BigDecimal rentalPrice = app.computeProfile() == null ? null : app.computeProfile().rentalPricePerGpuHour();
    List<OfferValuation> valued = new ArrayList<>();
    for (int i = 0; i < offers.size(); i++) {
      GuaranteeOffer offer = offers.get(i);
      // Unusable offers (no type, no rule, negative value) are skipped: the validator reports them.
      if (offer == null || offer.type() == null || !terms.containsKey(offer.type())) {
        continue;
      }
      CollateralTerms t = terms.get(offer.type());
      BigDecimal appraised = offer.appraisedValue() == null || offer.appraisedValue().signum() < 0
          ? BigDecimal.ZERO : offer.appraisedValue();
      BigDecimal haircut = t.haircut();
      BigDecimal coverValue = cny(appraised.multiply(BigDecimal.ONE.subtract(t.haircut()))
          .max(BigDecimal.ZERO));
      if (GpuCollateralValuer.applies(offer)) {
        // GPU servers: the generation's curve and the rental market replace the flat haircut
        GpuCollateralValuer.Result r = gpu.value(i, offer, rentalPrice, 0, horizonMonths);
        equipment.add(r.valuation());
        fired.addAll(r.firedRules());
        r.policyVersions().stream().filter(v -> !versions.contains(v)).forEach(versions::add);
        haircut = r.valuation().effectiveHaircut();
        coverValue = r.valuation().coverValue();
      }
      BigDecimal cost = cny(t.fixedCostCny().add(appraised.multiply(t.costRate())));
      valued.add(new OfferValuation(i, offer.type(), offer.provider(), cny(appraised),
          haircut, coverValue, cost, false));
    }
    return valued;
  }

  /**
   * Least-cost subset whose cover reaches {@code required}; ties go to fewer offers, then more
   * cover. Returns null if no subset suffices. An empty selection meets a zero requirement.
   */
  static boolean[] choose(List<OfferValuation> offers, BigDecimal required) {
    int n = offers.size();
    if (required.signum() <= 0) {
      return new boolean[n];
    }
    List<Integer> useful = new ArrayList<>();
    for (int i = 0; i < n && useful.size() < MAX_COMBINED_OFFERS; i++) {
      if (offers.get(i).coverValue().signum() > 0) {
        useful.add(i);
      }
    }
    int best = -1;
    BigDecimal bestCost = null;
    BigDecimal bestCover = null;
    for (int mask = 1; mask < (1 << useful.size()); mask++) {
      BigDecimal cover = BigDecimal.ZERO;
      BigDecimal cost = BigDecimal.ZERO;
      for (int b = 0; b < useful.size(); b++) {
        if ((mask & (1 << b)) != 0) {
          OfferValuation o = offers.get(useful.get(b));
          cover = cover.add(o.coverValue());
          cost = cost.add(o.cost());
        }
      }
      if (cover.compareTo(required) < 0) {
        continue;
      }
      if (best < 0 || better(cost, Integer.bitCount(mask), cover, bestCost,
          Integer.bitCount(best), bestCover)) {
        best = mask;
        bestCost = cost;
        bestCover = cover;
      }
    }
    if (best < 0) {
      return null;
    }
    boolean[] chosen = new boolean[n];
    for (int b = 0; b < useful.size(); b++) {
      chosen[useful.get(b)] = (best & (1 << b)) != 0;
    }
    return chosen;
  }

  private static boolean better(BigDecimal cost, int count, BigDecimal cover,
      BigDecimal bestCost, int bestCount, BigDecimal bestCover) {
    int byCost = cost.compareTo(bestCost);
    if (byCost != 0) {
      return byCost < 0;
    }
    if (count != bestCount) {
      return count < bestCount;
    }
    return cover.compareTo(bestCover) > 0;
  }

  private static List<ShortfallOption> options(BigDecimal shortfall,
      Map<GuaranteeType, CollateralTerms> terms) {
    List<ShortfallOption> options = new ArrayList<>();
    if (shortfall.signum() <= 0) {
      return options;
    }
    for (CollateralTerms t : terms.values()) {
      BigDecimal kept = BigDecimal.ONE.subtract(t.haircut());
      if (kept.signum() > 0) {
        // Round up so that the suggested value really closes the gap.
        options.add(new ShortfallOption(t.type(),
            shortfall.divide(kept, 2, RoundingMode.CEILING), t.haircut()));
      }
    }
    return options;
  }
}
