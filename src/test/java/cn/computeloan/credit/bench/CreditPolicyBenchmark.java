package cn.computeloan.credit.bench;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.evaluation.PolicyEvaluation;
import cn.computeloan.credit.model.LoanApplication;
import cn.computeloan.policy.DmnScalaPolicyDecisions;
import cn.computeloan.policy.PolicyDmnEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.camunda.dmn.DmnEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full policy evaluation ({@link CreditPolicy#evaluateAll}: review, score, limit, guarantee,
 * pricing, authority) with the shipped DMN tables evaluated by DMN-Scala. Run it as described in
 * docs/benchmarks.md; surefire excludes {@code *Benchmark} classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class CreditPolicyBenchmark {

  /** The three worked examples of docs/policy.md; chip and data centre have three fiscal years. */
  @Param({TestData.CHIP, TestData.DATA_CENTRE, TestData.AIGC})
  public String sample;

  /**
   * {@code policy}: {@link PolicyDmnEngine}, what the application uses (FEEL built-ins built once).
   * {@code dmn-scala}: an unmodified DMN-Scala engine, as Zeebe evaluates (and as the policy did
   * before PolicyDmnEngine): the before/after comparison in one run.
   */
  @Param({"policy", "dmn-scala"})
  public String engine;

  /**
   * {@code shipped}: the tables in bpmn/. {@code dash-cells}: the same tables with every empty
   * ("any") input cell written as {@code -}, the experiment behind the empty-cell rule.
   */
  @Param({"shipped"})
  public String tables;

  private DmnScalaPolicyDecisions decisions;
  private CreditPolicy policy;
  private LoanApplication application;

  /** Parses the DMN files once, as the application does at start-up. */
  @Setup
  public void setUp() {
    DmnEngine dmnEngine =
        switch (engine) {
          case "policy" -> new PolicyDmnEngine();
          case "dmn-scala" -> new DmnEngine.Builder().build();
          default -> throw new IllegalArgumentException("engine " + engine);
        };
    decisions = DmnScalaPolicyDecisions.of(dmnEngine, files(tables.equals("dash-cells")));
    policy = new CreditPolicy(decisions, TestData.CLOCK);
    application = TestData.sample(sample);
  }

  private static Map<String, byte[]> files(boolean dashCells) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String file : DmnScalaPolicyDecisions.DEFAULT_FILES) {
      try (InputStream in = CreditPolicyBenchmark.class.getClassLoader()
          .getResourceAsStream("bpmn/" + file)) {
        String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (dashCells) {
          xml = xml.replaceAll("(<inputEntry id=\"[^\"]*\">\\s*<text>)(</text>)", "$1-$2");
        }
        files.put(file, xml.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** Review, score, limit, guarantee, pricing and authority for one application. */
  @Benchmark
  public PolicyEvaluation evaluateAll() {
    return policy.evaluateAll(application);
  }

  /**
   * Control: the smallest table (one input, three rules, three outputs), to tell the cost of the
   * policy's own work from the fixed cost DMN-Scala pays per FEEL evaluation on this machine.
   */
  @Benchmark
  public DecisionOutcome smallestTable() {
    return decisions.evaluate("TierLimitShare", Map.of("tier", "B"));
  }
}
