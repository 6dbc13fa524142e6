package cn.computeloan.engine.rest;

import cn.computeloan.engine.api.DeploymentResource;
import cn.computeloan.engine.api.DeploymentResult.Deployed;
import cn.computeloan.engine.api.DeploymentResult;
import cn.computeloan.engine.query.ReadModel;
import cn.computeloan.engine.query.ResourceView;
import cn.computeloan.engine.record.ValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Deployments (multipart, one {@code resources} part per file) and deployed resources. */
@RestController
@ConditionalOnEmbeddedEngine
public class DeploymentController {

  private final EngineAccess engine;
  private final ReadModel readModel;

  public DeploymentController(EngineAccess engine, ReadModel readModel) {
    this.engine = engine;
    this.readModel = readModel;
  }

  @PostMapping(path = "/v2/deployments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public Map<String, Object> deploy(
      @RequestParam(name = "resources", required = false) List<MultipartFile> files,
      @RequestParam(name = "tenantId", required = false) String tenantId) {
    if (files == null || files.isEmpty()) {
      throw InvalidRequestException.missing("resources");
    }
    List<DeploymentResource> resources = new ArrayList<>();
    for (MultipartFile file : files) {
      resources.add(new DeploymentResource(file.getOriginalFilename(), bytes(file)));
    }
    String tenant = tenantId == null || tenantId.isBlank() ? "<default>" : tenantId;
    return toJson(engine.commands().deploy(resources, tenant));
  }

  private static byte[] bytes(MultipartFile file) {
    try {
      return file.getBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the uploaded resource " + file.getOriginalFilename(), e);
    }
  }

  private static Map<String, Object> toJson(DeploymentResult result) {
    List<Map<String, Object>> deployments = new ArrayList<>();
    for (Deployed deployed : result.deployments()) {
      deployments.add(Map.of(entryName(deployed.kind()), deployed(deployed)));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("deploymentKey", Long.toString(result.deploymentKey()));
    json.put("tenantId", result.tenantId());
    json.put("deployments", deployments);
    return json;
  }

  private static String entryName(DeploymentResult.Kind kind) {
    return switch (kind) {
      case PROCESS -> "processDefinition";
      case DECISION -> "decisionDefinition";
      case DECISION_REQUIREMENTS -> "decisionRequirements";
      case FORM -> "form";
    };
  }

  private static Map<String, Object> deployed(Deployed deployed) {
    Map<String, Object> json = new LinkedHashMap<>();
    String key = Long.toString(deployed.key());
    switch (deployed.kind()) {
      case PROCESS -> {
        json.put("processDefinitionId", deployed.id());
        json.put("processDefinitionVersion", deployed.version());
        json.put("resourceName", deployed.resourceName());
        json.put("processDefinitionKey", key);
      }
      case DECISION -> {
        json.put("decisionDefinitionId", deployed.id());
        json.put("version", deployed.version());
        json.put("name", deployed.name());
        json.put("decisionRequirementsId", deployed.decisionRequirementsId());
        json.put("decisionDefinitionKey", key);
        json.put("decisionRequirementsKey", Long.toString(deployed.decisionRequirementsKey()));
      }
      case DECISION_REQUIREMENTS -> {
        json.put("decisionRequirementsId", deployed.id());
        json.put("version", deployed.version());
        json.put("decisionRequirementsName", deployed.name());
        json.put("resourceName", deployed.resourceName());
        json.put("decisionRequirementsKey", key);
      }
      case FORM -> {
        json.put("formId", deployed.id());
        json.put("version", deployed.version());
        json.put("resourceName", deployed.resourceName());
        json.put("formKey", key);
      }
    }
    json.put("tenantId", deployed.tenantId());
    return json;
  }

  @GetMapping("/v2/resources/{key}")
  public Map<String, Object> resource(@PathVariable String key) {
    ResourceView resource = find(key);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("resourceName", resource.resourceName());
    json.put("version", resource.version());
    json.put("versionTag", resource.versionTag());
    json.put("resourceId", resource.resourceId());
    json.put("tenantId", resource.tenantId());
    json.put("resourceKey", Long.toString(resource.key()));
    return json;
  }

  @GetMapping("/v2/resources/{key}/content")
  public ResponseEntity<String> content(@PathVariable String key) {
    ResourceView resource = find(key);
    MediaType type = resource.kind() == ValueType.FORM ? MediaType.TEXT_PLAIN : MediaType.TEXT_XML;
    return ResponseEntity.ok().contentType(type).body(resource.content());
  }

  private ResourceView find(String key) {
    return PathKeys.found(readModel.resource(PathKeys.parse(key, "resourceKey")), "Resource", key);
  }
}
