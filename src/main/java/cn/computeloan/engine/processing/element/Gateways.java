package cn.computeloan.engine.processing.element;

import cn.computeloan.engine.expression.EvalResult;
import cn.computeloan.engine.model.ElementKind;
import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableFlow;
import cn.computeloan.engine.processing.behavior.ElementProcessor;
import cn.computeloan.engine.processing.behavior.ProcessingContext;
import cn.computeloan.engine.state.ElementInstance;
import cn.computeloan.engine.state.ProcessorState.ChosenFlows;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exclusive, inclusive and parallel gateways. Forks choose their outgoing flows on activation
 * (conditions in order, then the default flow; none is an incident); joins wait for their tokens:
 * a parallel join for one per incoming flow, an inclusive join for every incoming flow that can
 * still be reached.
 */
public final class Gateways implements ElementProcessor {

  /** True when the element joins tokens (a parallel or inclusive gateway with several incoming flows). */
  public static boolean isJoin(ExecutableElement element) {
    return (element.kind() == ElementKind.PARALLEL_GATEWAY || element.kind() == ElementKind.INCLUSIVE_GATEWAY)
        && element.incoming().size() > 1;
  }

  @Override
  public void onActivate(ElementInstance instance, ProcessingContext ctx) {
    ExecutableElement gateway = instance.element();
    List<ExecutableFlow> selected;
    if (gateway.kind() == ElementKind.PARALLEL_GATEWAY) {
      selected = gateway.outgoing();
    } else {
      selected = select(instance, ctx);
      if (selected == null) {
        return;
      }
    }
    instance.processorState(new ChosenFlows(selected));
    if (ctx.activated(instance)) {
      ctx.complete(instance);
    }
  }

  private List<ExecutableFlow> select(ElementInstance instance, ProcessingContext ctx) {
    ExecutableElement gateway = instance.element();
    List<ExecutableFlow> outgoing = gateway.outgoing();
    if (outgoing.size() == 1 && outgoing.get(0).condition() == null) {
      return outgoing;
    }
    Map<String, Object> variables = ctx.variables().visible(instance);
    boolean exclusive = gateway.kind() == ElementKind.EXCLUSIVE_GATEWAY;
    List<ExecutableFlow> selected = new ArrayList<>();
    for (ExecutableFlow flow : outgoing) {
      if (flow == gateway.defaultFlow() || flow.condition() == null) {
        continue;
      }
      EvalResult<Boolean> result = ctx.feel().evaluateBoolean(flow.condition(), variables);
      if (result.isFailure()) {
        ctx.incidents().raise(instance, "CONDITION_ERROR", result.failureMessage());
        return null;
      }
      if (result.value()) {
        selected.add(flow);
        if (exclusive) {
          return selected;
        }
      }
    }
    if (selected.isEmpty() && gateway.defaultFlow() != null) {
      selected.add(gateway.defaultFlow());
    }
    if (selected.isEmpty()) {
      ctx.incidents().raise(instance, "CONDITION_ERROR",
          "Expected at least one condition to evaluate to true, or to have a default flow");
      return null;
    }
    return selected;
  }

  @Override
  public void onCompleted(ElementInstance instance, ProcessingContext ctx) {
    for (ExecutableFlow flow : ((ChosenFlows) instance.processorState()).flows()) {
      ctx.takeFlow(flow, instance.flowScope());
    }
  }

  /** A token arrived at a join: activate the gateway if its tokens are complete. */
  public void tryJoin(ElementInstance scope, ExecutableElement gateway, ProcessingContext ctx) {
    List<String> arrived = scope.joinArrivals().get(gateway.id());
    if (arrived == null || arrived.isEmpty()) {
      return;
    }
    Set<String> arrivedIds = new HashSet<>(arrived);
    List<String> consume = new ArrayList<>();
    for (ExecutableFlow flow : gateway.incoming()) {
      if (arrivedIds.contains(flow.id())) {
        consume.add(flow.id());
      } else if (gateway.kind() == ElementKind.PARALLEL_GATEWAY || canStillArrive(scope, gateway, flow, ctx)) {
        return;
      }
    }
    consume.forEach(arrived::remove);
    scope.changeActiveFlows(-consume.size());
    ctx.activateChild(scope, gateway, null);
  }

  /**
   * Re-checks inclusive joins of a scope after one of its tokens ended. The check is queued: the
   * ended element's outgoing flows are already queued to arrive, and a token on a flow is not yet
   * visible as an element of the scope, so checking at once could join without it.
   */
  public void retryInclusiveJoins(ElementInstance scope, ProcessingContext ctx) {
    ctx.schedule(() -> retryInclusiveJoinsNow(scope, ctx));
  }

  private void retryInclusiveJoinsNow(ElementInstance scope, ProcessingContext ctx) {
    if (scope.state() != ElementInstance.State.ACTIVATED) {
      return;
    }
    for (String gatewayId : List.copyOf(scope.joinArrivals().keySet())) {
      ExecutableElement gateway = scope.process().element(gatewayId);
      if (gateway != null && gateway.kind() == ElementKind.INCLUSIVE_GATEWAY) {
        tryJoin(scope, gateway, ctx);
      }
    }
  }

  /** Whether any live token of the scope can still reach {@code flow} without passing the gateway. */
  private static boolean canStillArrive(ElementInstance scope, ExecutableElement gateway, ExecutableFlow flow,
      ProcessingContext ctx) {
    Deque<ExecutableElement> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (ElementInstance child : scope.children()) {
      if (child.isActive()) {
        queue.add(child.element());
      }
    }
    for (ExecutableFlow flying : ctx.flowsInFlight(scope)) {
      if (flying == flow) {
        return true;
      }
      queue.add(flying.target());
    }
    scope.joinArrivals().forEach((id, flows) -> {
      if (!id.equals(gateway.id()) && !flows.isEmpty()) {
        queue.add(scope.process().element(id));
      }
    });
    while (!queue.isEmpty()) {
      ExecutableElement element = queue.poll();
      if (element == null || element == gateway || !seen.add(element.id())) {
        continue;
      }
      List<ExecutableFlow> next = new ArrayList<>(element.outgoing());
      element.boundaryEvents().forEach(b -> next.addAll(b.outgoing()));
      for (ExecutableFlow out : next) {
        if (out == flow) {
          return true;
        }
        queue.add(out.target());
      }
    }
    return false;
  }
}
