package cn.computeloan.engine.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A deployed, versioned process definition ready to run.
 *
 * @param root the PROCESS element, the flow scope of the top-level elements
 * @param elements every element by id (for a multi-instance activity: its body)
 * @param resource the BPMN XML the process came from
 */
public record ExecutableProcess(
    String bpmnProcessId,
    String name,
    int version,
    String versionTag,
    long key,
    long deploymentKey,
    String resourceName,
    String checksum,
    String resource,
    ExecutableElement root,
    Map<String, ExecutableElement> elements,
    String tenantId) {

  public ExecutableElement element(String elementId) {
    return elements.get(elementId);
  }

  /** Message and timer start events of the top level (they open subscriptions at deployment). */
  public List<ExecutableElement> startEvents() {
    return root == null ? Collections.emptyList() : root.children().stream()
        .filter(e -> e.kind() == ElementKind.START_EVENT)
        .toList();
  }
}
