package cn.computeloan.application.security;

import cn.computeloan.process.form.TaskCompletionRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.UserTask;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Every decision on a user task is its decider's own. On the embedded engine's /v2 API:
 * <ul>
 *   <li>a person (any staff role, administrators included) completes a task only when it is assigned
 *       to them: never an unassigned task, never someone else's;
 *   <li>a person claims only for themself, only a task of one of their groups (candidate groups are
 *       kebab-case role names, e.g. {@code head-office-approver}), and only one nobody else holds;
 *       releases only their own;
 *   <li>administrators may route a task to someone else (assign, release), never decide it;
 *   <li>the application's own client ({@link Role#ENGINE_CLIENT}) is the task API acting for the
 *       signed-in person after it checked they are the assignee (and its completing listeners check
 *       it again, see {@code TaskCompletionRules}); no person or tool holds its credentials.
 * </ul>
 * The rules read the request as Spring MVC routes it (percent-decoded, semicolon content removed,
 * repeated slashes collapsed), so no spelling of a path reaches the engine unchecked. The engine
 * records the authenticated caller as the command's actor.
 */
public final class UserTaskActorGuard extends OncePerRequestFilter {

  private static final Pattern TASK_WRITE = Pattern.compile("^/v2/user-tasks/([^/]+)/(assignment|assignee|completion)$");

  private final Supplier<CamundaClient> client;
  private final ObjectMapper mapper;

  /** @param client the application's own client (null when there is none: completion is then refused) */
  public UserTaskActorGuard(Supplier<CamundaClient> client, ObjectMapper mapper) {
    this.client = client;
    this.mapper = mapper;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !TASK_WRITE.matcher(routedPath(request)).matches();
  }

  /** The path as Spring MVC matches it against the controllers' patterns. */
  static String routedPath(HttpServletRequest request) {
    return ROUTED.getPathWithinApplication(request).replaceAll("/{2,}", "/");
  }

  private static final UrlPathHelper ROUTED = routedPathHelper();

  private static UrlPathHelper routedPathHelper() {
    UrlPathHelper helper = new UrlPathHelper();
    helper.setUrlDecode(true);
    helper.setRemoveSemicolonContent(true);
    return helper;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null) {
      chain.doFilter(request, response);
      return;
    }
    Matcher m = TASK_WRITE.matcher(routedPath(request));
    m.matches();
    String key = m.group(1);
    String operation = m.group(2);
    byte[] body = request.getInputStream().readAllBytes();
    String refusal = switch (operation) {
      case "assignment" -> "POST".equals(request.getMethod()) ? assignmentRefusal(key, body, auth) : null;
      case "assignee" -> has(auth, Role.ENGINE_CLIENT) || has(auth, Role.ADMIN) ? null
          : assigneeRefusal(key, auth.getName(), "only the assignee may release the task");
      default -> completionRefusal(key, auth);
    };
    if (refusal != null) {
      ProblemResponses.write(response, 403, "FORBIDDEN", refusal);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, asChecked(operation, request.getMethod(), body, auth)), response);
  }

  /**
   * What the checks above saw must still hold when the engine applies the command, though another
   * request may change the task in between (two colleagues claiming the same seat at once). So a
   * person's claim goes on as one that cannot override another claim (the engine refuses it under
   * its lock), and a person's completion goes on in their name ({@code complete:<user>}), which the
   * completing listeners compare with the assignee the completion met ({@code TaskCompletionRules}).
   */
  private byte[] asChecked(String operation, String method, byte[] body, Authentication auth) throws IOException {
    if (has(auth, Role.ENGINE_CLIENT) || !"POST".equals(method)) {
      return body;
    }
    JsonNode parsed;
    try {
      parsed = body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
    } catch (IOException notJson) {
      return body; // the engine's API refuses it
    }
    if (!(parsed instanceof ObjectNode command)) {
      return body;
    }
    if (operation.equals("assignment")) {
      if (!auth.getName().equals(command.path("assignee").asText(null))) {
        return body; // an administrator routing the task: may move it from someone else
      }
      command.put("allowOverride", false);
    } else if (operation.equals("completion")) {
      command.put("action", TaskCompletionRules.actionFor(auth.getName()));
    } else {
      return body;
    }
    return mapper.writeValueAsBytes(command);
  }

  private static boolean has(Authentication auth, Role role) {
    return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
  }

  /** Only the assignee decides; the engine client is the task API, which checked who decides. */
  private String completionRefusal(String key, Authentication auth) {
    if (has(auth, Role.ENGINE_CLIENT)) {
      return null;
    }
    String assignee;
    try {
      assignee = assignee(key);
    } catch (RuntimeException e) {
      // An unknown or unreadable task: nothing goes through that could not be checked.
      return "the task could not be checked";
    }
    if (assignee == null) {
      return "claim the task first: an unassigned task cannot be completed";
    }
    if (assignee.equals(auth.getName())) {
      return null;
    }
    return has(auth, Role.ADMIN)
        ? "an administrator may not decide in another person's name: the task is assigned to " + assignee
        : "the task is assigned to someone else";
  }

  private String assignmentRefusal(String key, byte[] body, Authentication auth) {
    String target;
    try {
      JsonNode assignee = mapper.readTree(body).path("assignee");
      target = assignee.isTextual() ? assignee.asText() : null;
    } catch (IOException e) {
      return "the request body is not JSON";
    }
    if (has(auth, Role.ENGINE_CLIENT)) {
      return null;
    }
    if (target == null || !target.equals(auth.getName())) {
      // routing work to someone else is an administrator's job; nobody else assigns for others
      return has(auth, Role.ADMIN) && target != null ? null : "a user may assign a task only to themself";
    }
    UserTask task;
    try {
      task = task(key);
    } catch (RuntimeException e) {
      return "the task could not be checked";
    }
    if (task.getAssignee() != null && !task.getAssignee().equals(target)) {
      return "the task is already claimed by " + task.getAssignee();
    }
    List<String> groups = task.getCandidateGroups();
    if (groups == null || groups.isEmpty()) {
      return null;
    }
    boolean member = auth.getAuthorities().stream().map(a -> group(a.getAuthority())).anyMatch(groups::contains);
    return member ? null : "the task is for " + groups + ", not for your role";
  }

  /** {@code ROLE_HEAD_OFFICE_APPROVER} is candidate group {@code head-office-approver} in the BPMN. */
  static String group(String authority) {
    return authority.replaceFirst("^ROLE_", "").toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  private String assigneeRefusal(String key, String user, String refusal) {
    String assignee;
    try {
      assignee = assignee(key);
    } catch (RuntimeException e) {
      return "the task could not be checked";
    }
    return user.equals(assignee) ? null : refusal;
  }

  private String assignee(String key) {
    return task(key).getAssignee();
  }

  private UserTask task(String key) {
    CamundaClient c = client.get();
    if (c == null) {
      throw new IllegalStateException("no engine client");
    }
    return c.newUserTaskGetRequest(Long.parseLong(key)).send().join();
  }

  /** Lets the controller read the body this filter has already read. */
  private static final class CachedBodyRequest extends HttpServletRequestWrapper {
    private final byte[] body;

    CachedBodyRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
