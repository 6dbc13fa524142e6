package cn.computeloan.application;

import cn.computeloan.application.audit.AuditEntry;
import cn.computeloan.application.audit.AuditHasher;
import cn.computeloan.application.audit.AuditTrail;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StoredDocument;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores documents with their SHA-256; each upload is an audit event carrying that hash. */
@Service
@EnableConfigurationProperties(DocumentRules.class)
public class DocumentService {

  /** Kinds of documents an application may have. */
  public static final List<String> KINDS = List.of("BALANCE_SHEET", "INCOME_STATEMENT", "CASH_FLOW_STATEMENT",
      "AUDIT_REPORT", "CONTRACT", "ORDER_CONTRACT", "GUARANTEE", "COLLATERAL", "OTHER");

  private final ApplicationStore store;
  private final AuditTrail audit;
  private final ObjectMapper mapper;
  private final Clock clock;

  public DocumentService(ApplicationStore store, AuditTrail audit, ObjectMapper mapper, ObjectProvider<Clock> clock) {
    this.store = store;
    this.audit = audit;
    this.mapper = mapper;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
  }

  /** Stores the document; empty if there is no such application. */
  @Transactional
  public Optional<StoredDocument> upload(String applicationId, String kind, String fileName, String contentType,
      byte[] content, String user, String role) {
    if (store.lock(applicationId).isEmpty()) {
      return Optional.empty();
    }
    StoredDocument d = new StoredDocument(UUID.randomUUID().toString(), applicationId, kind, fileName, contentType,
        content.length, AuditHasher.sha256(content), user, clock.instant().truncatedTo(ChronoUnit.MICROS));
    store.insertDocument(d, content);
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("documentId", d.id());
    after.put("kind", kind);
    after.put("fileName", fileName);
    after.put("size", d.size());
    after.put("sha256", d.sha256());
    try {
      audit.append(applicationId, AuditEntry.of(user, role, "DOCUMENT_UPLOADED", null, mapper.writeValueAsString(after)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return Optional.of(d);
  }
}
