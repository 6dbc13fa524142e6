package cn.computeloan.engine.query.projection;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Finds the form linked to a process's none start event (a Camunda form id). */
final class StartForms {

  private StartForms() {}

  /** The linked form id, if the process's start event links one; empty for invalid XML. */
  static Optional<String> formId(String bpmnXml, String bpmnProcessId) {
    if (bpmnXml == null || !bpmnXml.contains("formDefinition")) {
      return Optional.empty();
    }
    try {
      BpmnModelInstance model =
          Bpmn.readModelFromStream(new ByteArrayInputStream(bpmnXml.getBytes(StandardCharsets.UTF_8)));
      Process process = model.getModelElementById(bpmnProcessId);
      if (process == null) {
        return Optional.empty();
      }
      return process.getChildElementsByType(StartEvent.class).stream()
          .map(start -> start.getSingleExtensionElement(ZeebeFormDefinition.class))
          .filter(definition -> definition != null && definition.getFormId() != null)
          .map(ZeebeFormDefinition::getFormId)
          .findFirst();
    } catch (RuntimeException invalidModel) {
      // The engine validated the model on deployment; a read failure here only hides the form.
      return Optional.empty();
    }
  }
}
