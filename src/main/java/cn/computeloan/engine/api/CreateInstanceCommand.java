package cn.computeloan.engine.api;

import java.util.List;
import java.util.Map;

/**
 * Create a process instance by definition key (if &gt; 0) or by BPMN process id and version (-1 =
 * latest).
 *
 * @param startElementIds start instructions: activate these elements instead of the none start
 *     event (empty for a normal start)
 * @param awaitCompletion answer only when the instance completed (or requestTimeoutMillis passed)
 * @param fetchVariables with awaitCompletion, the root variables to return (empty = all)
 */
public record CreateInstanceCommand(
    long processDefinitionKey,
    String bpmnProcessId,
    int version,
    Map<String, Object> variables,
    List<String> startElementIds,
    boolean awaitCompletion,
    long requestTimeoutMillis,
    List<String> fetchVariables,
    String tenantId) implements EngineCommand {

  @Override
  public <R> R accept(Visitor<R> visitor) {
    return visitor.createInstance(this);
  }
}
