package cn.computeloan.application.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * People act on user tasks through the embedded engine's /v2 API only as themselves: a person may
 * assign a task to themself only, release only their own task, and complete a task only if it is
 * assigned to them or to nobody. The engine records the authenticated user as the actor, so the
 * four-eyes rule sees who really decided. A person may only claim a task whose candidate groups
 * (kebab-case role names, e.g. {@code head-office-approver}) include one of their roles. The application's own client ({@link Role#ENGINE_CLIENT})
 * and admins are not restricted.
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
    return !TASK_WRITE.matcher(request.getRequestURI()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || privileged(auth)) {
      chain.doFilter(request, response);
      return;
    }
    Matcher m = TASK_WRITE.matcher(request.getRequestURI());
    m.matches();
    String user = auth.getName();
    String operation = m.group(2);
    byte[] body = request.getInputStream().readAllBytes();
    String refusal = switch (operation) {
      case "assignment" -> "POST".equals(request.getMethod()) ? assignmentRefusal(m.group(1), body, auth) : null;
      case "assignee" -> assigneeRefusal(m.group(1), user, false, "only the assignee may release the task");
      default -> assigneeRefusal(m.group(1), user, true, "the task is assigned to someone else");
    };
    if (refusal != null) {
      ProblemResponses.write(response, 403, "FORBIDDEN", refusal);
      return;
    }
    chain.doFilter(new CachedBodyRequest(request, body), response);
  }

  private static boolean privileged(Authentication auth) {
    return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(Role.ENGINE_CLIENT.authority())
        || a.getAuthority().equals(Role.ADMIN.authority()));
  }

  private String assignmentRefusal(String key, byte[] body, Authentication auth) {
    try {
      JsonNode assignee = mapper.readTree(body).path("assignee");
      if (!assignee.isTextual() || !assignee.asText().equals(auth.getName())) {
        return "a user may assign a task only to themself";
      }
    } catch (IOException e) {
      return "the request body is not JSON";
    }
    List<String> groups;
    try {
      groups = task(key).getCandidateGroups();
    } catch (RuntimeException e) {
      return "the task could not be checked";
    }
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

  private String assigneeRefusal(String key, String user, boolean unassignedAllowed, String refusal) {
    String assignee;
    try {
      assignee = assignee(key);
    } catch (RuntimeException e) {
      // An unknown or unreadable task: nothing goes through that could not be checked.
      return "the task could not be checked";
    }
    if (assignee == null) {
      return unassignedAllowed ? null : refusal;
    }
    return assignee.equals(user) ? null : refusal;
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
