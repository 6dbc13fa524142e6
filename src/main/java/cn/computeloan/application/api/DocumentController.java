package cn.computeloan.application.api;

import cn.computeloan.application.DocumentRules;
import cn.computeloan.application.DocumentService;
import cn.computeloan.application.api.ApplicationProblems.InvalidRequestException;
import cn.computeloan.application.api.ApplicationProblems.NotFoundException;
import cn.computeloan.application.api.ApplicationProblems.UnsupportedContentTypeException;
import cn.computeloan.application.api.ApplicationViews.DocumentView;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StoredDocument;
import cn.computeloan.credit.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Documents of an application (statements, contracts), stored with their SHA-256. */
@RestController
@RequestMapping("/api/applications/{id}/documents")
@Tag(name = "Documents", description = "Statements, contracts and other documents of an application")
@SecurityRequirement(name = "basic")
public class DocumentController {

  private final DocumentService documents;
  private final ApplicationStore store;
  private final DocumentRules rules;

  public DocumentController(DocumentService documents, ApplicationStore store, DocumentRules rules) {
    this.documents = documents;
    this.store = store;
    this.rules = rules;
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE, produces = "application/json")
  @Operation(summary = "Upload a document (INTAKE_OFFICER, CREDIT_ANALYST, ACCOUNT_MANAGER); audited with its hash",
      description = "The part's content type must be on the allowlist (compute-loan.documents.allowed-content-types; "
          + "PDF, PNG, JPEG, TIFF, XLSX, XLS, CSV, DOCX, DOC, plain text, OFD by default) and its file name a plain "
          + "name of at most 255 characters.")
  @ApiResponse(responseCode = "201", description = "stored with its SHA-256 and audited")
  @ApiResponse(responseCode = "400", description = "invalid kind, empty file or bad file name (problem+json with errors[])")
  @ApiResponse(responseCode = "415", description = "content type not on the allowlist (problem+json naming file.contentType)")
  public ResponseEntity<DocumentView> upload(@PathVariable String id, @RequestPart("file") MultipartFile file,
      @RequestParam("kind") String kind, Authentication user) throws IOException {
    String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
        ? "document" : file.getOriginalFilename();
    List<Violation> violations = rules.uploadViolations(kind, file.getSize(), name, file.getContentType());
    if (violations.stream().anyMatch(v -> "UNSUPPORTED_CONTENT_TYPE".equals(v.code()))) {
      throw new UnsupportedContentTypeException(violations);
    }
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(violations);
    }
    Optional<String> type = rules.contentType(file.getContentType());
    StoredDocument d = documents.upload(id, kind, name, type.get(), file.getBytes(), user.getName(), roles(user))
        .orElseThrow(() -> new NotFoundException("no application " + id));
    return ResponseEntity.created(URI.create("/api/applications/" + id + "/documents/" + d.id()))
        .body(DocumentView.of(d));
  }

  @GetMapping(produces = "application/json")
  @Operation(summary = "The application's documents")
  public List<DocumentView> list(@PathVariable String id) {
    if (store.find(id).isEmpty()) {
      throw new NotFoundException("no application " + id);
    }
    return store.documents(id).stream().map(DocumentView::of).toList();
  }

  @GetMapping("/{documentId}")
  @Operation(summary = "Download a document; the ETag is its SHA-256")
  public ResponseEntity<byte[]> download(@PathVariable String id, @PathVariable String documentId) {
    StoredDocument d = store.document(id, documentId)
        .orElseThrow(() -> new NotFoundException("no document " + documentId + " in application " + id));
    byte[] content = store.documentContent(documentId).orElseThrow();
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(d.contentType()))
        .eTag("\"" + d.sha256() + "\"")
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''"
            + java.net.URLEncoder.encode(d.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
        .body(content);
  }

  private static String roles(Authentication user) {
    return String.join(",", user.getAuthorities().stream()
        .map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).toList());
  }
}
