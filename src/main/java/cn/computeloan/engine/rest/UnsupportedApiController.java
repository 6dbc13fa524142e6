package cn.computeloan.engine.rest;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The parts of Camunda's v2 API the embedded engine does not offer (migration, modification,
 * batch operations, identity, documents, usage metrics, ad-hoc activities, resource deletion):
 * a clear 501 problem instead of a 404 or a stack trace.
 */
@RestController
@ConditionalOnEmbeddedEngine
public class UnsupportedApiController {

  @RequestMapping({
    "/v2/process-instances/cancellation",
    "/v2/process-instances/incident-resolution",
    "/v2/process-instances/migration",
    "/v2/process-instances/modification",
    "/v2/process-instances/{key}/migration",
    "/v2/process-instances/{key}/modification",
    "/v2/element-instances/ad-hoc-activities/**",
    "/v2/resources/{key}/deletion",
    "/v2/batch-operations/**",
    "/v2/batch-operation-items/**",
    "/v2/documents/**",
    "/v2/system/**",
    "/v2/license",
    "/v2/authentication/**",
    "/v2/users/**",
    "/v2/groups/**",
    "/v2/roles/**",
    "/v2/tenants/**",
    "/v2/authorizations/**",
    "/v2/mapping-rules/**"
  })
  public void unsupported() {
    throw new NotSupportedException("This operation is not supported by the embedded engine");
  }
}
