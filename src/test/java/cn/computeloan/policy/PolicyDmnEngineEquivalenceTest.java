package cn.computeloan.policy;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.credit.TestData;
import cn.computeloan.credit.decision.DecisionOutcome;
import cn.computeloan.credit.decision.PolicyDecisionException;
import cn.computeloan.credit.evaluation.CreditPolicy;
import cn.computeloan.credit.evaluation.PolicyEvaluation;
import cn.computeloan.credit.model.LoanApplication;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.dmn.DmnEngine;
import org.camunda.feel.FeelEngine;
import org.camunda.feel.FeelEngineClock;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@link PolicyDmnEngine} must decide exactly as an unmodified DMN-Scala engine (the one Zeebe
 * embeds): same outputs, same matched rules, same failures, for every decision of every policy
 * table, on inputs generated from the tables' own boundaries.
 */
class PolicyDmnEngineEquivalenceTest {

  private static final int CASES_PER_DECISION = 300;

  private static final DmnScalaPolicyDecisions REFERENCE =
      new DmnScalaPolicyDecisions(
          new DmnEngine.Builder().build(),
          PolicyDmnEngineEquivalenceTest.class.getClassLoader(),
          "bpmn/",
          DmnScalaPolicyDecisions.DEFAULT_FILES);

  private static final DmnScalaPolicyDecisions SHARED_BUILTINS = new DmnScalaPolicyDecisions();

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

  record Column(String variable, String typeRef, List<String> cells) {}

  record Table(String decisionId, List<Column> columns) {
    @Override
    public String toString() {
      return decisionId;
    }
  }

  static Stream<Table> tables() throws Exception {
    List<Table> tables = new ArrayList<>();
    for (String file : DmnScalaPolicyDecisions.DEFAULT_FILES) {
      Document doc = read(file);
      for (Element decision : children(doc.getDocumentElement(), "decision")) {
        List<Element> tableElements = children(decision, "decisionTable");
        if (tableElements.isEmpty()) {
          continue;
        }
        Element table = tableElements.get(0);
        List<Column> columns = new ArrayList<>();
        List<Element> inputs = children(table, "input");
        List<Element> rules = children(table, "rule");
        for (int i = 0; i < inputs.size(); i++) {
          Element expression = children(inputs.get(i), "inputExpression").get(0);
          List<String> cells = new ArrayList<>();
          for (Element rule : rules) {
            cells.add(text(children(rule, "inputEntry").get(i)));
          }
          columns.add(
              new Column(text(expression), expression.getAttribute("typeRef"), cells));
        }
        tables.add(new Table(decision.getAttribute("id"), columns));
      }
    }
    return tables.stream();
  }

  @ParameterizedTest
  @MethodSource("tables")
  void decidesEveryTableAsUnmodifiedDmnScala(Table table) {
    Random random = new Random(table.decisionId().hashCode());
    Map<String, List<Object>> candidates = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      candidates.put(column.variable(), candidates(column));
    }
    Set<String> matchedRuleIds = new LinkedHashSet<>();
    for (int i = 0; i < CASES_PER_DECISION; i++) {
      Map<String, Object> inputs = new HashMap<>();
      candidates.forEach(
          (variable, values) -> inputs.put(variable, values.get(random.nextInt(values.size()))));
      Object expected = outcomeOrFailure(REFERENCE, table.decisionId(), inputs);
      Object actual = outcomeOrFailure(SHARED_BUILTINS, table.decisionId(), inputs);
      assertThat(actual).as("%s with %s", table.decisionId(), inputs).isEqualTo(expected);
      if (expected instanceof DecisionOutcome outcome) {
        outcome.matchedRules().forEach(rule -> matchedRuleIds.add(rule.ruleId()));
      }
    }
    // The generated inputs reach the rules, not only the "no match" path.
    assertThat(matchedRuleIds).as(table.decisionId()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {TestData.CHIP, TestData.DATA_CENTRE, TestData.AIGC})
  void evaluatesTheWorkedExamplesAsUnmodifiedDmnScala(String sample) {
    LoanApplication application = TestData.sample(sample);

    PolicyEvaluation expected = new CreditPolicy(REFERENCE, TestData.CLOCK).evaluateAll(application);
    PolicyEvaluation actual =
        new CreditPolicy(SHARED_BUILTINS, TestData.CLOCK).evaluateAll(application);

    assertThat(actual).isEqualTo(expected);
  }

  /**
   * The FEEL engine alone, on expressions DMN cells may contain (built-in functions, temporal
   * functions on the engine clock, failures, suppressed failures, invalid expressions).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "abs(x) + floor(1.5)",
        "if x > 2 then \"high\" else \"low\"",
        "string length(name) > 3 and upper case(name) = \"ACME\"",
        "today() - date(\"2020-01-01\")",
        "now()",
        "sum([1, 2, x]) / count([1, 2])",
        "missing + 1",
        "x / 0",
        "unknownFunction(x)",
        "assert(x, x > 100)",
        "assert(x, x > 100, \"x too small\")",
        "{a: x}.b",
        "\"a\" + 1",
        "list contains([1, 2], x)",
        "number(\"12.5\") * x",
      })
  void evaluatesFeelAsFeelScala(String expression) {
    FeelEngineClock clock = () -> ZonedDateTime.of(2026, 11, 27, 8, 0, 0, 0, ZoneOffset.UTC);
    FeelEngineApi reference = FeelEngineBuilder.create().withClock(clock).build();
    FeelEngine base =
        new FeelEngine(
            FeelEngine.defaultFunctionProvider(),
            FeelEngine.defaultValueMapper(),
            FeelEngine.defaultConfiguration(),
            clock);
    FeelEngineApi shared = new FeelEngineApi(new SharedBuiltinsFeelEngine(base));
    Map<String, Object> variables = Map.of("x", 3, "name", "acme");
    ParsedExpression parsed = reference.parseExpression(expression).parsedExpression();

    EvaluationResult expected = reference.evaluate(parsed, variables);
    EvaluationResult actual = shared.evaluate(parsed, variables);

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void disabledExternalFunctionsFailValidationAsInFeelScala() {
    String expression =
        "function(x) external {java: {class: \"java.lang.Math\", method signature: \"abs(int)\"}}";
    FeelEngineApi reference = FeelEngineBuilder.create().build();
    FeelEngineApi shared =
        new FeelEngineApi(
            new SharedBuiltinsFeelEngine(
                new FeelEngine(
                    FeelEngine.defaultFunctionProvider(),
                    FeelEngine.defaultValueMapper(),
                    FeelEngine.defaultConfiguration(),
                    FeelEngine.defaultClock())));
    // Parsing validates too, so evaluate the parsed tree of an engine that allows them.
    ParsedExpression parsed =
        FeelEngineBuilder.create()
            .withEnabledExternalFunctions(true)
            .build()
            .parseExpression(expression)
            .parsedExpression();
    EvaluationResult expected = reference.evaluate(parsed, Map.<String, Object>of());
    EvaluationResult actual = shared.evaluate(parsed, Map.<String, Object>of());
    assertThat(expected.isFailure()).isTrue();
    assertThat(actual).isEqualTo(expected);
  }

  private static Object outcomeOrFailure(
      DmnScalaPolicyDecisions decisions, String decisionId, Map<String, Object> inputs) {
    try {
      return decisions.evaluate(decisionId, inputs);
    } catch (PolicyDecisionException e) {
      return "failure: " + e.getMessage();
    }
  }

  /** Values at, just below and just above every literal of the column, plus outliers and null. */
  private static List<Object> candidates(Column column) {
    List<Object> values = new ArrayList<>();
    values.add(null);
    switch (column.typeRef()) {
      case "number" -> {
        Set<BigDecimal> literals = new LinkedHashSet<>();
        for (String cell : column.cells()) {
          Matcher m = NUMBER.matcher(cell);
          while (m.find()) {
            literals.add(new BigDecimal(m.group()));
          }
        }
        BigDecimal step = new BigDecimal("0.001");
        for (BigDecimal literal : literals) {
          values.add(literal);
          values.add(literal.subtract(step));
          values.add(literal.add(step));
        }
        values.add(BigDecimal.ZERO);
        values.add(new BigDecimal("-1000000000"));
        values.add(new BigDecimal("1000000000000"));
        values.add(7);
      }
      case "string" -> {
        for (String cell : column.cells()) {
          Matcher m = QUOTED.matcher(cell);
          while (m.find()) {
            values.add(m.group(1));
          }
        }
        values.add("");
        values.add("NOT_A_CODE");
      }
      case "boolean" -> {
        values.add(true);
        values.add(false);
      }
      default -> values.add("unexpected typeRef " + column.typeRef());
    }
    return values;
  }

  private static Document read(String file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    try (InputStream in =
        PolicyDmnEngineEquivalenceTest.class.getClassLoader().getResourceAsStream("bpmn/" + file)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> result = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e
          && DmnMetadata.DMN13.equals(e.getNamespaceURI())
          && e.getLocalName().equals(name)) {
        result.add(e);
      }
    }
    return result;
  }

  private static String text(Element parent) {
    List<Element> texts = children(parent, "text");
    return texts.isEmpty() ? "" : texts.get(0).getTextContent().trim();
  }
}
