package cn.computeloan.application.api;

import cn.computeloan.application.AuditVerification;
import cn.computeloan.application.CaseFileVerifier;
import cn.computeloan.application.api.ApplicationProblems.NotFoundException;
import cn.computeloan.application.api.ApplicationViews.AuditEventView;
import cn.computeloan.application.api.ApplicationViews.AuditTrailView;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.application.store.ApplicationStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of an application, read-only (role AUDITOR). There is no endpoint that changes it. */
@RestController
@RequestMapping("/api/applications/{id}/audit")
@Tag(name = "Audit", description = "Tamper-evident audit trail (role AUDITOR)")
@SecurityRequirement(name = "basic")
public class AuditController {

  private final AuditTrail audit;
  private final CaseFileVerifier verifier;
  private final ApplicationStore store;
  private final ObjectMapper mapper;

  public AuditController(AuditTrail audit, CaseFileVerifier verifier, ApplicationStore store, ObjectMapper mapper) {
    this.audit = audit;
    this.verifier = verifier;
    this.store = store;
    this.mapper = mapper;
  }

  @GetMapping(produces = "application/json")
  @Operation(summary = "Every event of the application, oldest first, with its hash chain")
  @Transactional(readOnly = true)
  public AuditTrailView events(@PathVariable String id) {
    if (store.find(id).isEmpty()) {
      throw new NotFoundException("no application " + id);
    }
    return new AuditTrailView(id, audit.events(id).stream()
        .map(e -> AuditEventView.of(e, json(e.before()), json(e.after()))).toList());
  }

  @GetMapping(path = "/verification", produces = "application/json")
  @Operation(summary = "Recompute the keyed hash chain (intact, or the first event that fails and why) and prove "
      + "the case file against it: every step and vote, every document's row and stored bytes, the status and "
      + "the submitted application (caseFile); verified when both hold")
  public AuditVerification verify(@PathVariable String id) {
    return verifier.verify(id).orElseThrow(() -> new NotFoundException("no application " + id));
  }

  /** Stored JSON; text that is not JSON (an edited row) is shown as it is. */
  private JsonNode json(String stored) {
    if (stored == null) {
      return null;
    }
    try {
      return mapper.readTree(stored);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(stored);
    }
  }
}
