package cn.computeloan.workspace.intake;

import cn.computeloan.application.DocumentRules;
import cn.computeloan.application.DocumentService;
import cn.computeloan.application.SubmissionService;
import cn.computeloan.application.api.ApplicationValidation;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.credit.Violation;
import cn.computeloan.workspace.task.TaskRefusedException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * Intake in the browser (intake officers only, by the security chain): {@code /applications/new}
 * takes an application as a form or as a JSON file of the API's shape, checks it with the API's
 * own validation and submits it through the same {@link SubmissionService}; refused input comes
 * back with every problem at its input and nothing stored. Then
 * {@code /applications/new/{id}/documents} takes the application's documents, checked with the
 * API's {@link DocumentRules}.
 */
@Controller
public class IntakeController {

  /** A JSON file larger than this is refused unread (an application is a few KB). */
  static final long MAX_JSON_FILE = 256 * 1024;
  static final String ID = "{applicationId:[A-Za-z0-9-]{1,64}}";

  private final ApplicationValidation validation;
  private final SubmissionService submissions;
  private final DocumentService documents;
  private final DocumentRules rules;
  private final ApplicationStore store;
  /** As the API reads a body: decimals exact, nothing after the document. */
  private final ObjectReader exact;

  public IntakeController(ApplicationValidation validation, SubmissionService submissions, DocumentService documents,
      DocumentRules rules, ApplicationStore store, ObjectMapper mapper) {
    this.validation = validation;
    this.submissions = submissions;
    this.documents = documents;
    this.rules = rules;
    this.store = store;
    this.exact = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  @GetMapping("/applications/new")
  public ModelAndView form(Authentication user) {
    return page(new IntakeForm(Map.of(), UUID.randomUUID().toString()), user, HttpStatus.OK);
  }

  @PostMapping(path = "/applications/new", consumes = "application/x-www-form-urlencoded")
  public ModelAndView submitForm(@RequestParam Map<String, String> params, Authentication user) {
    Map<String, String> values = new LinkedHashMap<>();
    IntakeFields.all().forEach(f -> {
      if (params.containsKey(f.path())) {
        values.put(f.path(), params.get(f.path()));
      }
    });
    Map<String, String> renumbered = new LinkedHashMap<>();
    ObjectNode json = IntakeFields.toJson(values, renumbered);
    return submit(json, values, renumbered, key(params.get("idempotencyKey")), user);
  }

  @PostMapping(path = "/applications/new/json", consumes = "multipart/form-data")
  public ModelAndView submitJson(@RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "idempotencyKey", required = false) String idempotencyKey, Authentication user)
      throws IOException {
    String key = key(idempotencyKey);
    if (file == null || file.isEmpty()) {
      return refused(Map.of(), List.of(new Violation("file", "REQUIRED", "choose a JSON file")), key, user);
    }
    if (file.getSize() > MAX_JSON_FILE) {
      return refused(Map.of(), List.of(new Violation("file", "TOO_LARGE",
          "must be at most " + MAX_JSON_FILE / 1024 + " KB")), key, user);
    }
    JsonNode json;
    try {
      json = exact.readTree(file.getBytes());
    } catch (IOException | NumberFormatException e) {
      return refused(Map.of(), List.of(new Violation("file", "UNREADABLE", "the file is not valid JSON")), key, user);
    }
    Map<String, String> values = json != null && json.isObject() ? IntakeFields.fromJson(json) : Map.of();
    return submit(json, values, Map.of(), key, user);
  }

  private ModelAndView submit(JsonNode json, Map<String, String> values, Map<String, String> renumbered, String key,
      Authentication user) {
    ApplicationValidation.Result result = validation.validate(json);
    if (!result.valid()) {
      ModelAndView page = page(new IntakeForm(values, key).withProblems(result.violations(), renumbered), user,
          HttpStatus.BAD_REQUEST);
      return page;
    }
    List<String> roles = user.getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).toList();
    try {
      StoredApplication stored = submissions.submit(result.application(), user.getName(), roles, key,
          result.policyVersion()).application();
      return new ModelAndView("redirect:/applications/new/" + stored.id() + "/documents?submitted");
    } catch (SubmissionService.IdempotencyConflictException e) {
      // this page's key went to an earlier, different application: a fresh key, the person decides again
      return refused(values, List.of(new Violation("", "ALREADY_SUBMITTED", e.getMessage())),
          UUID.randomUUID().toString(), user);
    } catch (SubmissionService.SubmissionInProgressException | SubmissionService.BusyException
        | SubmissionService.ProcessStartException e) {
      return page(new IntakeForm(values, key).withProblems(List.of(new Violation("", "NOT_STORED", e.getMessage())),
          Map.of()), user, HttpStatus.SERVICE_UNAVAILABLE);
    }
  }

  private ModelAndView refused(Map<String, String> values, List<Violation> problems, String key, Authentication user) {
    return page(new IntakeForm(values, key).withProblems(problems, Map.of()), user, HttpStatus.BAD_REQUEST);
  }

  private ModelAndView page(IntakeForm form, Authentication user, HttpStatus status) {
    ModelAndView page = new ModelAndView("workspace/intake/new", status);
    page.addObject("form", form);
    page.addObject("fields", IntakeFieldsView.INSTANCE);
    page.addObject("me", user.getName());
    return page;
  }

  /** The page's idempotency key if it is one this page made (a UUID), else a new one. */
  private static String key(String submitted) {
    try {
      return submitted == null ? UUID.randomUUID().toString() : UUID.fromString(submitted).toString();
    } catch (IllegalArgumentException e) {
      return UUID.randomUUID().toString();
    }
  }

  @GetMapping("/applications/new/" + ID + "/documents")
  public ModelAndView documentsPage(@PathVariable String applicationId, Authentication user) {
    return documentsPage(application(applicationId), List.of(), user, HttpStatus.OK);
  }

  @PostMapping(path = "/applications/new/" + ID + "/documents", consumes = "multipart/form-data")
  public ModelAndView upload(@PathVariable String applicationId,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "kind", defaultValue = "") String kind, Authentication user) throws IOException {
    StoredApplication application = application(applicationId);
    if (file == null) {
      return documentsPage(application, List.of(new Violation("file", "REQUIRED", "choose a file")), user,
          HttpStatus.BAD_REQUEST);
    }
    String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
        ? "document" : file.getOriginalFilename();
    List<Violation> problems = rules.uploadViolations(kind, file.getSize(), name, file.getContentType());
    if (!problems.isEmpty()) {
      boolean type = problems.stream().anyMatch(v -> "UNSUPPORTED_CONTENT_TYPE".equals(v.code()));
      return documentsPage(application, problems, user, type ? HttpStatus.UNSUPPORTED_MEDIA_TYPE
          : HttpStatus.BAD_REQUEST);
    }
    String role = String.join(",", user.getAuthorities().stream()
        .map(a -> a.getAuthority().replaceFirst("^ROLE_", "")).toList());
    documents.upload(applicationId, kind, name, rules.contentType(file.getContentType()).orElseThrow(),
        file.getBytes(), user.getName(), role).orElseThrow(() -> notFound(applicationId));
    return new ModelAndView("redirect:/applications/new/" + applicationId + "/documents?uploaded");
  }

  private ModelAndView documentsPage(StoredApplication application, List<Violation> problems, Authentication user,
      HttpStatus status) {
    ModelAndView page = new ModelAndView("workspace/intake/documents", status);
    page.addObject("submitted", application);
    page.addObject("documents", store.documents(application.id()));
    page.addObject("kinds", DocumentService.KINDS);
    page.addObject("accept", String.join(",", rules.allowedContentTypes()));
    page.addObject("problems", problems);
    page.addObject("me", user.getName());
    return page;
  }

  private StoredApplication application(String applicationId) {
    return store.find(applicationId).orElseThrow(() -> notFound(applicationId));
  }

  private static TaskRefusedException notFound(String applicationId) {
    return new TaskRefusedException(TaskRefusedException.Kind.NOT_FOUND, "no application " + applicationId);
  }
}
