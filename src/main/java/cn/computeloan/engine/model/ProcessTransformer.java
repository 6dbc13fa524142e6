package cn.computeloan.engine.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;

/**
 * Turns a BPMN file into executable processes: parses with {@code zeebe-bpmn-model}, runs Zeebe's
 * own design-time validators, then extracts each element with {@link ElementReader}. Anything the
 * engine cannot execute faithfully is rejected here, naming the element — never accepted and then
 * mis-run.
 */
public final class ProcessTransformer {

  /** A parsed, not yet versioned process: the deployment assigns key and version. */
  public record ParsedProcess(
      String bpmnProcessId, String name, String versionTag, ExecutableElement root,
      Map<String, ExecutableElement> elements) {}

  public List<ParsedProcess> transform(String resourceName, byte[] xml) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (RuntimeException e) {
      throw new ModelRejectedException(resourceName,
          List.of(new ModelProblem("-", "definitions", "not a valid BPMN 2.0 file: " + rootMessage(e))));
    }
    List<ModelProblem> problems = new ArrayList<>(zeebeValidation(model));
    List<ParsedProcess> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (!process.isExecutable()) {
        continue;
      }
      ElementReader reader = new ElementReader(problems);
      Map<String, ExecutableElement> elements = new LinkedHashMap<>();
      ExecutableElement root = new ExecutableElement(process.getId(), process.getName(), ElementKind.PROCESS);
      elements.put(root.id(), root);
      readScope(reader, process.getFlowElements(), root, elements);
      processes.add(new ParsedProcess(process.getId(), process.getName(), versionTag(process), root, elements));
    }
    if (processes.isEmpty() && problems.isEmpty()) {
      problems.add(new ModelProblem("-", "definitions", "contains no executable process"));
    }
    if (!problems.isEmpty()) {
      throw new ModelRejectedException(resourceName, problems);
    }
    return processes;
  }

  private void readScope(ElementReader reader, Collection<FlowElement> flowElements,
      ExecutableElement scope, Map<String, ExecutableElement> elements) {
    List<SequenceFlow> flows = new ArrayList<>();
    Map<String, BaseElement> nodes = new LinkedHashMap<>();
    Map<io.camunda.zeebe.model.bpmn.instance.BoundaryEvent, ExecutableElement> boundaries = new LinkedHashMap<>();
    for (FlowElement flowElement : flowElements) {
      if (flowElement instanceof SequenceFlow flow) {
        flows.add(flow);
        continue;
      }
      ExecutableElement element = reader.read(flowElement, scope);
      if (element == null) {
        continue;
      }
      nodes.put(element.id(), flowElement);
      elements.put(element.id(), element);
      if (flowElement instanceof io.camunda.zeebe.model.bpmn.instance.BoundaryEvent boundary) {
        boundaries.put(boundary, element);
      }
      ExecutableElement container = element.kind() == ElementKind.MULTI_INSTANCE_BODY ? element.innerActivity() : element;
      if (container.kind() == ElementKind.SUB_PROCESS || container.kind() == ElementKind.EVENT_SUB_PROCESS) {
        readScope(reader, ((SubProcess) flowElement).getFlowElements(), container, elements);
      }
      if (element.kind() == ElementKind.EVENT_SUB_PROCESS) {
        scope.eventSubProcesses().add(element);
      } else {
        scope.children().add(element);
      }
    }
    boundaries.forEach((node, element) -> reader.attachBoundary(node, element, elements));
    reader.report(LinkEvents.resolve(scope, nodes));
    for (SequenceFlow flow : flows) {
      reader.connect(flow, elements);
    }
  }

  private static String versionTag(Process process) {
    var tag = process.getSingleExtensionElement(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag.class);
    return tag == null ? null : tag.getValue();
  }

  private static List<ModelProblem> zeebeValidation(BpmnModelInstance model) {
    List<ModelProblem> problems = new ArrayList<>();
    var results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    for (Map.Entry<ModelElementInstance, List<ValidationResult>> entry : results.getResults().entrySet()) {
      for (ValidationResult result : entry.getValue()) {
        if (result.getType() == ValidationResultType.ERROR) {
          ModelElementInstance element = entry.getKey();
          String id = element instanceof BaseElement base ? base.getId() : element.getElementType().getTypeName();
          problems.add(new ModelProblem(id, element.getElementType().getTypeName(), result.getMessage()));
        }
      }
    }
    return problems;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
