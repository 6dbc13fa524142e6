package cn.computeloan.policy;

import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.MatchedRule;
import cn.computeloan.credit.decision.PolicyDecisionException;
import cn.computeloan.credit.decision.PolicyDecisions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.dmn.parser.ParsedRule;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * {@link PolicyDecisions} on DMN-Scala, the DMN engine inside Zeebe, so tests and workers evaluate
 * the tables exactly as a business rule task would. Each DMN file is parsed once at construction;
 * evaluation only reads the parsed model and is thread-safe.
 */
public final class DmnScalaPolicyDecisions implements PolicyDecisions {

  /** The policy DMN files, relative to the classpath folder {@code bpmn/}. */
  public static final List<String> DEFAULT_FILES =
      List.of(
          "policy-parameters.dmn",
          "review-thresholds.dmn",
          "compute-scorecard.dmn",
          "compute-tier.dmn",
          "product-limits.dmn",
          "guarantee-requirement.dmn",
          "collateral-haircut.dmn",
          "risk-premium.dmn",
          "esg-discount.dmn",
          "approval-authority.dmn",
          "early-warning.dmn",
          "repayment-plan.dmn",
          "interest-subsidy.dmn",
          "gpu-collateral.dmn");

  private record LoadedDecision(
      ParsedDmn dmn, String name, String policyVersion, Map<String, Integer> ruleIndexById) {}

  private final DmnEngine engine;
  private final Map<String, LoadedDecision> decisions = new HashMap<>();

  /** Loads {@link #DEFAULT_FILES} from {@code bpmn/} on this class's class loader. */
  public DmnScalaPolicyDecisions() {
    this(DmnScalaPolicyDecisions.class.getClassLoader(), "bpmn/", DEFAULT_FILES);
  }

  /**
   * Loads the given DMN files.
   *
   * @param loader class loader to read from
   * @param folder classpath folder with trailing slash
   * @param files file names in that folder
   * @throws PolicyDecisionException if a file is missing or invalid
   */
  public DmnScalaPolicyDecisions(ClassLoader loader, String folder, List<String> files) {
    this(new PolicyDmnEngine(), loader, folder, files);
  }

  /**
   * Loads the given DMN files into the given DMN-Scala engine ({@link PolicyDmnEngine} in
   * production; an unmodified {@link DmnEngine} in the test that compares the two).
   */
  DmnScalaPolicyDecisions(DmnEngine engine, ClassLoader loader, String folder, List<String> files) {
    this.engine = engine;
    for (String file : files) {
      try (InputStream in = loader.getResourceAsStream(folder + file)) {
        if (in == null) {
          throw new PolicyDecisionException("DMN file not found on classpath: " + folder + file);
        }
        load(file, in.readAllBytes());
      } catch (IOException e) {
        throw new PolicyDecisionException("cannot read DMN file " + file, e);
      }
    }
  }

  /** Loads one DMN document given as bytes (for tests and hot reloads of edited tables). */
  public static DmnScalaPolicyDecisions of(Map<String, byte[]> filesByName) {
    return of(new PolicyDmnEngine(), filesByName);
  }

  /**
   * {@link #of(Map)} on the given engine: an unmodified {@code new DmnEngine.Builder().build()}
   * evaluates as Zeebe does, for the test and the benchmark that compare it with {@link
   * PolicyDmnEngine}.
   */
  public static DmnScalaPolicyDecisions of(DmnEngine engine, Map<String, byte[]> filesByName) {
    DmnScalaPolicyDecisions result =
        new DmnScalaPolicyDecisions(
            engine, DmnScalaPolicyDecisions.class.getClassLoader(), "", List.of());
    filesByName.forEach(result::load);
    return result;
  }

  private void load(String file, byte[] content) {
    Either<DmnEngine.Failure, ParsedDmn> parsed = engine.parse(new ByteArrayInputStream(content));
    if (parsed.isLeft()) {
      throw new PolicyDecisionException(
          "invalid DMN " + file + ": " + parsed.swap().toOption().get().message());
    }
    ParsedDmn dmn = parsed.toOption().get();
    Map<String, String> versionTags = DmnMetadata.versionTags(content);
    String hash = DmnMetadata.sha256Prefix(content);
    for (ParsedDecision decision : CollectionConverters.asJava(dmn.decisions())) {
      String tag = versionTags.getOrDefault(decision.id(), "untagged");
      String version = decision.id() + ":" + tag + ":" + hash;
      if (decisions.containsKey(decision.id())) {
        throw new PolicyDecisionException("duplicate decision id " + decision.id() + " in " + file);
      }
      decisions.put(
          decision.id(), new LoadedDecision(dmn, decision.name(), version, ruleIndex(decision)));
    }
  }

  private static Map<String, Integer> ruleIndex(ParsedDecision decision) {
    Map<String, Integer> index = new HashMap<>();
    if (decision.logic() instanceof ParsedDecisionTable table) {
      int i = 1;
      for (ParsedRule rule : CollectionConverters.asJava(table.rules())) {
        index.put(rule.id(), i++);
      }
    }
    return index;
  }

  /** Ids of all loaded decisions. */
  public java.util.Set<String> decisionIds() {
    return Collections.unmodifiableSet(decisions.keySet());
  }

  /** The policy version string of a loaded decision. */
  public String policyVersion(String decisionId) {
    LoadedDecision loaded = decisions.get(decisionId);
    if (loaded == null) {
      throw new PolicyDecisionException("unknown decision " + decisionId);
    }
    return loaded.policyVersion();
  }

  @Override
  public DecisionOutcome evaluate(String decisionId, Map<String, Object> inputs) {
    LoadedDecision loaded = decisions.get(decisionId);
    if (loaded == null) {
      throw new PolicyDecisionException("unknown decision " + decisionId);
    }
    // Copy: callers may pass immutable maps or maps with null values (FEEL null).
    Map<String, Object> variables = new LinkedHashMap<>(inputs);
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result =
        engine.eval(loaded.dmn(), decisionId, variables);
    if (result.isLeft()) {
      throw new PolicyDecisionException(
          "evaluation of " + loaded.policyVersion() + " failed: "
              + result.swap().toOption().get().failure().message());
    }
    List<MatchedRule> matched = matchedRules(result.toOption().get().auditLog(), decisionId, loaded);
    return new DecisionOutcome(
        decisionId,
        loaded.name(),
        loaded.policyVersion(),
        Collections.unmodifiableMap(variables),
        matched);
  }

  private static List<MatchedRule> matchedRules(
      Audit.AuditLog log, String decisionId, LoadedDecision loaded) {
    List<MatchedRule> matched = new ArrayList<>();
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(log.entries())) {
      if (!entry.id().equals(decisionId)
          || !(entry.result() instanceof Audit.DecisionTableEvaluationResult table)) {
        continue;
      }
      for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (Audit.EvaluatedOutput output : CollectionConverters.asJava(rule.outputs())) {
          outputs.put(output.output().name(), FeelValues.toJava(output.value()));
        }
        String ruleId = rule.rule().id();
        matched.add(
            new MatchedRule(
                ruleId,
                loaded.ruleIndexById().getOrDefault(ruleId, 0),
                Collections.unmodifiableMap(outputs)));
      }
    }
    return List.copyOf(matched);
  }
}
