package cn.computeloan.workspace.web;

import cn.computeloan.application.api.ApplicationDetails;
import cn.computeloan.application.store.ApplicationStore;
import cn.computeloan.application.store.StoredDocument;
import cn.computeloan.workspace.StaffMember;
import cn.computeloan.workspace.task.TaskDetail;
import cn.computeloan.workspace.task.TaskList;
import cn.computeloan.workspace.task.TaskQuery;
import cn.computeloan.workspace.task.TaskRefusedException;
import cn.computeloan.workspace.task.TaskWork;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workspace's pages: {@code /login}, the inbox {@code /tasks} (its rows also as a fragment, which
 * the page polls to stay current) and the task page {@code /tasks/{userTaskKey}} with the case and
 * its documents. Every page reads its data through the same task rules as the API.
 */
@Controller
public class PageController {

  private final TaskList list;
  private final TaskWork work;
  private final ApplicationDetails details;
  private final ApplicationStore store;
  private final ObjectMapper mapper;
  private final ObjectProvider<ClientRegistrationRepository> oidc;

  public PageController(TaskList list, TaskWork work, ApplicationDetails details, ApplicationStore store,
      ObjectMapper mapper, ObjectProvider<ClientRegistrationRepository> oidc) {
    this.list = list;
    this.work = work;
    this.details = details;
    this.store = store;
    this.mapper = mapper;
    this.oidc = oidc;
  }

  @GetMapping("/")
  public String home() {
    return "redirect:/tasks";
  }

  @GetMapping("/login")
  public String login(Model model) {
    model.addAttribute("oidc", oidc.getIfAvailable() != null);
    return "workspace/login";
  }

  @GetMapping("/tasks")
  public String inbox(@RequestParam Map<String, String> params, Authentication user, Model model) {
    TaskQuery query = TaskQuery.from(params);
    model.addAttribute("query", query);
    model.addAttribute("tasks", list.list(StaffMember.of(user), query));
    model.addAttribute("me", user.getName());
    return "rows".equals(params.get("view")) ? "workspace/inbox :: rows" : "workspace/inbox";
  }

  @GetMapping("/tasks/{userTaskKey:\\d{1,19}}")
  public String task(@PathVariable long userTaskKey, Authentication user, Model model) throws JsonProcessingException {
    TaskDetail task = work.detail(StaffMember.of(user), userTaskKey);
    model.addAttribute("task", task);
    model.addAttribute("me", user.getName());
    // inside a <script> element: no "</script>" may appear in the data
    model.addAttribute("taskJson", mapper.writeValueAsString(task).replace("<", "\\u003c"));
    String applicationId = task.task().applicationId();
    model.addAttribute("casePanel", applicationId == null ? null
        : details.find(applicationId).map(d -> CasePanel.of(d, mapper)).orElse(null));
    return "workspace/task";
  }

  /** Any other path under /tasks: the workspace's own "not found" page. */
  @GetMapping("/tasks/**")
  public String unknown() {
    throw new TaskRefusedException(TaskRefusedException.Kind.NOT_FOUND, "no such page");
  }

  /** A document of the task's case; only for someone who may see the task. */
  @GetMapping("/tasks/{userTaskKey:\\d{1,19}}/documents/{documentId}")
  public ResponseEntity<byte[]> document(@PathVariable long userTaskKey, @PathVariable String documentId,
      Authentication user) {
    String applicationId = work.summary(work.visibleTask(StaffMember.of(user), userTaskKey)).applicationId();
    StoredDocument d = (applicationId == null ? java.util.Optional.<StoredDocument>empty()
        : store.document(applicationId, documentId))
        .orElseThrow(() -> new TaskRefusedException(TaskRefusedException.Kind.NOT_FOUND, "no document " + documentId));
    return DocumentDownload.of(d, store.documentContent(documentId).orElseThrow());
  }
}
