package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.expression.FeelEvaluator;
import cn.computeloan.engine.model.ModelProblem;
import cn.computeloan.engine.model.ModelRejectedException;
import cn.computeloan.engine.record.DecisionEvaluationValue;
import cn.computeloan.engine.record.DecisionEvaluationValue.EvaluatedDecision;
import cn.computeloan.engine.record.DecisionEvaluationValue.EvaluatedInput;
import cn.computeloan.engine.record.DecisionEvaluationValue.EvaluatedOutput;
import cn.computeloan.engine.record.DecisionEvaluationValue.MatchedRule;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.EngineState.DecisionDef;
import cn.computeloan.engine.state.EngineState.DecisionResource;
import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Decisions with DMN-Scala, as Zeebe evaluates them: parse at deployment, evaluate by decision id
 * with the caller's variables, and record the evaluated inputs, matched rules and outputs of every
 * decision of the requirements graph.
 */
public final class DecisionBehavior {

  /** An evaluation: the record value, and the output when it succeeded. */
  public record Evaluation(DecisionEvaluationValue value, boolean failed, Object output) {}

  private final ProcessingContext ctx;
  private final DmnEngine dmn;
  private final FeelEngineApi unpacker = FeelEngineBuilder.forJava().build();

  DecisionBehavior(ProcessingContext ctx) {
    this.ctx = ctx;
    this.dmn = new DmnEngine.Builder()
        .clock(() -> ZonedDateTime.ofInstant(ctx.clock().now(), ZoneOffset.UTC))
        .build();
  }

  /** Parses a DMN resource, or rejects it naming the problem. */
  public ParsedDmn parse(String resourceName, byte[] content) {
    Either<DmnEngine.Failure, ParsedDmn> parsed = dmn.parse(new ByteArrayInputStream(content));
    if (parsed.isLeft()) {
      throw new ModelRejectedException(resourceName,
          List.of(new ModelProblem("-", "definitions", "invalid DMN: " + parsed.left().get().message())));
    }
    return parsed.right().get();
  }

  public static List<ParsedDecision> decisions(ParsedDmn parsed) {
    return new ArrayList<>(CollectionConverters.asJavaCollection(parsed.decisions()));
  }

  /** Evaluates a deployed decision; {@code instance} is the business rule task or null. */
  public Evaluation evaluate(DecisionDef decision, Map<String, Object> variables, ElementInstance instance) {
    DecisionResource drg = decision.drg();
    ParsedDmn parsed = (ParsedDmn) drg.parsed();
    var result = dmn.eval(parsed, decision.decisionId(), new HashMap<>(variables));
    List<EvaluatedDecision> evaluated = new ArrayList<>();
    Audit.AuditLog log = result.isRight() ? result.right().get().auditLog() : result.left().get().auditLog();
    if (log != null) {
      for (Audit.AuditLogEntry entry : CollectionConverters.asJava(log.entries())) {
        evaluated.add(toEvaluated(entry, drg));
      }
    }
    var process = instance == null ? null : instance.process();
    if (result.isLeft()) {
      String message = result.left().get().failure().message();
      String failedId = evaluated.isEmpty() ? decision.decisionId() : evaluated.get(evaluated.size() - 1).decisionId();
      return new Evaluation(value(decision, "null", process, instance, message, failedId, evaluated), true, null);
    }
    Object output = toJava(result.right().get().value());
    return new Evaluation(value(decision, RecordWriter.toJson(output), process, instance, null, null, evaluated),
        false, output);
  }

  private DecisionEvaluationValue value(DecisionDef d, String output, cn.computeloan.engine.model.ExecutableProcess process,
      ElementInstance instance, String failure, String failedId, List<EvaluatedDecision> evaluated) {
    return new DecisionEvaluationValue(d.key(), d.decisionId(), d.name(), d.version(), d.drg().drgId(), d.drg().key(),
        output, process == null ? "" : process.bpmnProcessId(), process == null ? -1 : process.key(),
        instance == null ? -1 : instance.processInstanceKey(), instance == null ? "" : instance.element().id(),
        instance == null ? -1 : instance.key(), failure == null ? "" : failure, failedId == null ? "" : failedId,
        evaluated, RecordWriter.TENANT);
  }

  private EvaluatedDecision toEvaluated(Audit.AuditLogEntry entry, DecisionResource drg) {
    DecisionDef def = drg.decisions().get(entry.id());
    List<EvaluatedInput> inputs = new ArrayList<>();
    List<MatchedRule> rules = new ArrayList<>();
    String type = "LITERAL_EXPRESSION";
    Object output;
    if (entry.result() instanceof Audit.DecisionTableEvaluationResult table) {
      type = "DECISION_TABLE";
      for (Audit.EvaluatedInput input : CollectionConverters.asJava(table.inputs())) {
        inputs.add(new EvaluatedInput(input.input().id(), input.input().name(), RecordWriter.toJson(toJava(input.value()))));
      }
      List<org.camunda.dmn.parser.ParsedRule> allRules = allRules(entry);
      for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
        List<EvaluatedOutput> outputs = new ArrayList<>();
        for (Audit.EvaluatedOutput o : CollectionConverters.asJava(rule.outputs())) {
          outputs.add(new EvaluatedOutput(o.output().id(), o.output().name(), RecordWriter.toJson(toJava(o.value()))));
        }
        rules.add(new MatchedRule(rule.rule().id(), allRules.indexOf(rule.rule()) + 1, outputs));
      }
      output = toJava(table.result());
    } else if (entry.result() instanceof Audit.SingleEvaluationResult single) {
      output = toJava(single.result());
    } else if (entry.result() instanceof Audit.ContextEvaluationResult context) {
      type = "CONTEXT";
      output = toJava(context.result());
    } else {
      output = null;
    }
    return new EvaluatedDecision(entry.id(), entry.name(), def == null ? -1 : def.key(), def == null ? 0 : def.version(),
        type, RecordWriter.toJson(output), inputs, rules);
  }

  private static List<org.camunda.dmn.parser.ParsedRule> allRules(Audit.AuditLogEntry entry) {
    if (entry.decisionLogic() instanceof org.camunda.dmn.parser.ParsedDecisionTable table) {
      return new ArrayList<>(CollectionConverters.asJavaCollection(table.rules()));
    }
    return List.of();
  }

  /**
   * Converts a FEEL value (or a Java value) to plain JSON-compatible Java. DMN-Scala returns the
   * result of a table with several outputs as a Scala map, and collect results as Scala lists.
   */
  private Object toJava(Object value) {
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> result = new java.util.LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((k, v) -> result.put(String.valueOf(k), toJava(v)));
      return result;
    }
    if (value instanceof scala.collection.Iterable<?> iterable) {
      List<Object> result = new ArrayList<>();
      CollectionConverters.asJava(iterable).forEach(v -> result.add(toJava(v)));
      return result;
    }
    if (value instanceof org.camunda.feel.syntaxtree.Val) {
      var result = unpacker.evaluateExpression("x", Map.of("x", value));
      return result.isSuccess() ? FeelEvaluator.normalize(result.result()) : null;
    }
    return FeelEvaluator.normalize(value);
  }
}
