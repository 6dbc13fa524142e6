package cn.computeloan.engine.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Link events: a link throw event continues the flow at the one link catch event of the same name
 * in the same scope. A throw without its catch, or two catches of one name, cannot be deployed.
 */
final class LinkEvents {

  private LinkEvents() {}

  /** Connects the link throw events of a scope to their catch events; returns the problems found. */
  static List<ModelProblem> resolve(ExecutableElement scope, Map<String, BaseElement> nodes) {
    List<ModelProblem> problems = new ArrayList<>();
    Map<String, ExecutableElement> catches = new LinkedHashMap<>();
    for (ExecutableElement child : scope.children()) {
      if (child.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT && child.eventType() == EventType.LINK
          && catches.putIfAbsent(child.linkName(), child) != null) {
        problems.add(problem(nodes.get(child.id()), "is one of several link catch events named '%s' in the same scope"
            .formatted(child.linkName())));
      }
    }
    for (ExecutableElement child : scope.children()) {
      if (child.kind() == ElementKind.INTERMEDIATE_THROW_EVENT && child.eventType() == EventType.LINK) {
        ExecutableElement target = catches.get(child.linkName());
        if (target == null) {
          problems.add(problem(nodes.get(child.id()), ("throws link '%s', but no link catch event of that name is in "
              + "the same scope").formatted(child.linkName())));
        }
        child.linkTarget(target);
      }
    }
    return problems;
  }

  private static ModelProblem problem(BaseElement node, String message) {
    return new ModelProblem(node.getId(), node.getElementType().getTypeName(), message);
  }
}
