package cn.computeloan.engine.processing.behavior;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.model.Mapping;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.EngineState.Variable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variable scopes with Zeebe's semantics: local variables per element instance; lookups walk up the
 * flow scopes; a merge updates each variable in the nearest scope that has it and creates the rest
 * in the root scope; input mappings create local variables; output mappings and delivered
 * variables are merged into the flow scope.
 */
public final class VariableBehavior {

  private final ProcessingContext ctx;

  VariableBehavior(ProcessingContext ctx) {
    this.ctx = ctx;
  }

  /** All variables visible from a scope, inner scopes shadowing outer ones. */
  public Map<String, Object> visible(ElementInstance scope) {
    Map<String, Object> result = new HashMap<>();
    for (ElementInstance s = scope; s != null; s = s.flowScope()) {
      Map<String, Variable> local = ctx.state().variables().get(s.key());
      if (local != null) {
        local.forEach((name, v) -> result.putIfAbsent(name, v.value()));
      }
    }
    return result;
  }

  public Map<String, Object> local(ElementInstance scope) {
    Map<String, Variable> local = ctx.state().variables().get(scope.key());
    Map<String, Object> result = new LinkedHashMap<>();
    if (local != null) {
      local.forEach((name, v) -> result.put(name, v.value()));
    }
    return result;
  }

  public void setLocal(ElementInstance scope, String name, Object value) {
    Map<String, Variable> local = ctx.state().variables().computeIfAbsent(scope.key(), k -> new LinkedHashMap<>());
    Variable existing = local.get(name);
    if (existing == null) {
      Variable created = new Variable(ctx.state().nextKey(), value);
      local.put(name, created);
      ctx.writer().variable("CREATED", created.key(), name, value, scope);
    } else if (!java.util.Objects.equals(existing.value(), value)) {
      existing.value(value);
      ctx.writer().variable("UPDATED", existing.key(), name, value, scope);
    }
  }

  public void setLocal(ElementInstance scope, Map<String, Object> variables) {
    variables.forEach((name, value) -> setLocal(scope, name, value));
  }

  /** Propagating merge starting at {@code scope}. */
  public void merge(ElementInstance scope, Map<String, Object> variables) {
    if (variables == null) {
      return;
    }
    variables.forEach((name, value) -> {
      ElementInstance target = null;
      ElementInstance root = scope;
      for (ElementInstance s = scope; s != null; s = s.flowScope()) {
        Map<String, Variable> local = ctx.state().variables().get(s.key());
        if (target == null && local != null && local.containsKey(name)) {
          target = s;
        }
        root = s;
      }
      setLocal(target != null ? target : root, name, value);
    });
  }

  /** Input mappings become local variables; false when one failed (an incident was raised). */
  boolean applyInput(ElementInstance instance) {
    List<Mapping> mappings = instance.element().inputMappings();
    if (mappings.isEmpty()) {
      return true;
    }
    Map<String, Object> context = visible(instance);
    Map<String, Object> results = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      EvalResult<Object> value = ctx.feel().evaluate(mapping.source(), context);
      if (value.isFailure()) {
        ctx.incidents().raise(instance, "IO_MAPPING_ERROR", value.failureMessage());
        return false;
      }
      putPath(results, mapping.target(), value.value(), context);
      context.put(rootName(mapping.target()), results.get(rootName(mapping.target())));
    }
    setLocal(instance, results);
    return true;
  }

  /**
   * Without output mappings, delivered variables (job, message, user task) propagate from the
   * element itself: a variable the element has locally (from an input mapping) is updated there and
   * goes no further, as in Zeebe. With output mappings, the delivered variables are first set
   * locally so the mappings can read them, and the mapped results go to the flow scope, except for
   * an inner instance of a multi-instance activity: its mappings write to its own scope (where its
   * output element reads them), as Zeebe documents for multi-instance output mappings.
   */
  public boolean applyOutput(ElementInstance instance) {
    Map<String, Object> delivered = instance.pendingVariables();
    List<Mapping> mappings = instance.element().outputMappings();
    ElementInstance scope = instance.loopCounter() > 0 && !mappings.isEmpty() ? instance : instance.flowScope();
    if (mappings.isEmpty()) {
      if (delivered != null && scope != null) {
        merge(instance, delivered);
      }
      instance.pendingVariables(null);
      return true;
    }
    if (delivered != null) {
      setLocal(instance, delivered);
      instance.pendingVariables(null);
    }
    Map<String, Object> context = visible(instance);
    Map<String, Object> results = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      EvalResult<Object> value = ctx.feel().evaluate(mapping.source(), context);
      if (value.isFailure()) {
        ctx.incidents().raise(instance, "IO_MAPPING_ERROR", value.failureMessage());
        return false;
      }
      Map<String, Object> existing = scope == null ? Map.of() : visible(scope);
      putPath(results, mapping.target(), value.value(), existing);
    }
    if (scope != null) {
      merge(scope, results);
    }
    return true;
  }

  /** Sets {@code a.b.c} in {@code target}, starting from the existing context {@code a}. */
  @SuppressWarnings("unchecked")
  private static void putPath(Map<String, Object> target, String path, Object value, Map<String, Object> existing) {
    String[] parts = path.split("\\.");
    if (parts.length == 1) {
      target.put(path, value);
      return;
    }
    Object current = target.containsKey(parts[0]) ? target.get(parts[0]) : existing.get(parts[0]);
    Map<String, Object> root = current instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    target.put(parts[0], root);
    Map<String, Object> node = root;
    for (int i = 1; i < parts.length - 1; i++) {
      Object child = node.get(parts[i]);
      Map<String, Object> copy = child instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
      node.put(parts[i], copy);
      node = copy;
    }
    node.put(parts[parts.length - 1], value);
  }

  private static String rootName(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }
}
