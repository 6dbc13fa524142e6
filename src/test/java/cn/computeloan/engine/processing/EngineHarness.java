package cn.computeloan.engine.processing;

import cn.computeloan.engine.api.ActivateJobsCommand;
import cn.computeloan.engine.api.ActivatedJob;
import cn.computeloan.engine.api.CreateInstanceCommand;
import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.DeploymentResult;
import cn.computeloan.engine.record.ProcessInstanceValue;
import cn.computeloan.engine.record.Record;
import cn.computeloan.engine.record.ValueType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Drives the engine directly (no HTTP) and keeps every record for assertions. */
final class EngineHarness implements AutoCloseable {

  final EmbeddedEngine engine = new EmbeddedEngine(Clock.systemUTC());
  final List<Record> records = new CopyOnWriteArrayList<>();

  EngineHarness() {
    engine.addRecordListener(records::addAll);
  }

  DeploymentResult deploy(BpmnModelInstance model) {
    return deploy("process.bpmn", Bpmn.convertToString(model));
  }

  DeploymentResult deploy(String name, String content) {
    return engine.deploy(List.of(new DeploymentResource(name, content.getBytes(StandardCharsets.UTF_8))), "<default>");
  }

  long start(String processId, Map<String, Object> variables) {
    return engine.createProcessInstance(new CreateInstanceCommand(-1, processId, -1, variables, List.of(), false, 0,
        List.of(), "<default>")).join().processInstanceKey();
  }

  List<ActivatedJob> activate(String type) {
    return engine.activateJobs(new ActivateJobsCommand(type, "test", 60_000, 10, 0, List.of(), List.of())).join();
  }

  /** "elementId:INTENT" for each element lifecycle record of an instance (not sequence flows). */
  List<String> elementEvents(long processInstanceKey) {
    return records.stream()
        .filter(r -> r.valueType() == ValueType.PROCESS_INSTANCE)
        .filter(r -> ((ProcessInstanceValue) r.value()).processInstanceKey() == processInstanceKey)
        .filter(r -> !"SEQUENCE_FLOW_TAKEN".equals(r.intent()))
        .map(r -> ((ProcessInstanceValue) r.value()).elementId() + ":" + r.intent())
        .toList();
  }

  boolean completed(long processInstanceKey) {
    return records.stream().anyMatch(r -> r.key() == processInstanceKey && "ELEMENT_COMPLETED".equals(r.intent()));
  }

  @Override
  public void close() {
    engine.close();
  }
}
