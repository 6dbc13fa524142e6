package cn.computeloan.workspace.cases;

import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StoredApplication;
import cn.computeloan.application.store.StoredDocument;
import cn.computeloan.process.ApplicationStatus;
import cn.computeloan.workspace.WorkspaceRoles;
import cn.computeloan.workspace.web.DocumentDownload;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The applications search {@code /applications} and the case page {@code /applications/{id}} with its
 * process trace (JSON for the diagram, {@code /trace}) and its documents. Read-only: nothing here
 * changes a case. The security chain admits the roles per path ({@link WorkspaceRoles}); each handler
 * checks again, so the data never depends on the chain alone.
 */
@Controller
public class CaseController {

  /** Application ids are UUIDs; anything else is no application. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

  private final ApplicationSearch search;
  private final CaseRecord cases;
  private final ProcessTrace trace;
  private final ApplicationStore store;
  private final MessageSource messages;

  public CaseController(ApplicationSearch search, CaseRecord cases, ProcessTrace trace, ApplicationStore store,
      MessageSource messages) {
    this.messages = messages;
    this.search = search;
    this.cases = cases;
    this.trace = trace;
    this.store = store;
  }

  @GetMapping("/applications")
  public String applications(@RequestParam Map<String, String> params, Authentication user, Model model) {
    require(user, WorkspaceRoles.APPLICATION_SEARCH);
    ApplicationQuery query = ApplicationQuery.from(params);
    model.addAttribute("query", query);
    model.addAttribute("result", search.search(query));
    model.addAttribute("statuses", ApplicationStatus.values());
    model.addAttribute("products", cn.computeloan.credit.model.Product.values());
    model.addAttribute("mayOpen", WorkspaceRoles.holdsAny(user, WorkspaceRoles.CASE_READERS));
    model.addAttribute("me", user.getName());
    return "workspace/cases/search";
  }

  @GetMapping("/applications/{applicationId}")
  public String application(@PathVariable String applicationId, @RequestParam(required = false) String instance,
      Authentication user, Model model) {
    require(user, WorkspaceRoles.CASE_READERS);
    CaseRecord.View view = cases.view(known(applicationId)).orElseThrow(() -> new CaseNotFoundException(applicationId));
    List<CaseRecord.Instance> instances = cases.instances(view.application());
    model.addAttribute("view", view);
    model.addAttribute("c", view.panel());
    model.addAttribute("instances", instances);
    // the approval instance unless another of the application's instances is asked for
    model.addAttribute("instance", instance == null ? instances.stream().findFirst().orElse(null)
        : instances.stream().filter(i -> String.valueOf(i.key()).equals(instance)).findFirst()
            .orElseThrow(() -> new CaseNotFoundException(applicationId)));
    model.addAttribute("me", user.getName());
    return "workspace/cases/case";
  }

  /** The diagram's data for the case page's script: one instance of this application. */
  @GetMapping(path = "/applications/{applicationId}/trace", produces = "application/json")
  @ResponseBody
  public ProcessTrace.Trace trace(@PathVariable String applicationId, @RequestParam(required = false) String instance,
      Authentication user) {
    require(user, WorkspaceRoles.CASE_READERS);
    StoredApplication a = cases.find(known(applicationId)).orElseThrow(() -> new CaseNotFoundException(applicationId));
    CaseRecord.Instance chosen = cases.instances(a).stream()
        .filter(i -> instance == null || String.valueOf(i.key()).equals(instance)).findFirst()
        .orElseThrow(() -> new CaseNotFoundException(applicationId));
    Locale locale = LocaleContextHolder.getLocale();
    return trace.trace(chosen.key(), cases.events(a.id()),
        id -> messages.getMessage("task." + id, null, null, locale));
  }

  @GetMapping("/applications/{applicationId}/documents/{documentId}")
  public ResponseEntity<byte[]> document(@PathVariable String applicationId, @PathVariable String documentId,
      Authentication user) {
    require(user, WorkspaceRoles.CASE_READERS);
    StoredDocument d = store.document(known(applicationId), documentId)
        .orElseThrow(() -> new CaseNotFoundException(applicationId));
    return DocumentDownload.of(d, store.documentContent(documentId).orElseThrow());
  }

  private static String known(String applicationId) {
    if (!ID.matcher(applicationId).matches()) {
      throw new CaseNotFoundException(applicationId);
    }
    return applicationId;
  }

  private static void require(Authentication user, java.util.Set<cn.computeloan.application.security.Role> roles) {
    if (!WorkspaceRoles.holdsAny(user, roles)) {
      throw new AccessDeniedException("role may not open this page");
    }
  }

  /** No such application (or document, or process instance of it). */
  static final class CaseNotFoundException extends RuntimeException {
    CaseNotFoundException(String applicationId) {
      super("no application " + applicationId);
    }
  }
}
