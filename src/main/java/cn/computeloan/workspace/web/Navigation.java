package cn.computeloan.workspace.web;

import cn.computeloan.application.security.Role;
import cn.computeloan.workspace.WorkspaceRoles;
import java.util.EnumSet;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The top bar's links, each shown only to the people whose role the security chain lets open it. */
@ControllerAdvice(basePackages = "cn.computeloan.workspace")
public class Navigation {

  /** {@code cases}: may open a case page and its memo (links beside a task's case). */
  public record Links(boolean applications, boolean cases, boolean intake, boolean processes) {
  }

  @ModelAttribute("nav")
  Links links(Authentication user) {
    return new Links(WorkspaceRoles.holdsAny(user, WorkspaceRoles.APPLICATION_SEARCH),
        WorkspaceRoles.holdsAny(user, WorkspaceRoles.CASE_READERS),
        WorkspaceRoles.holdsAny(user, EnumSet.of(Role.INTAKE_OFFICER)),
        WorkspaceRoles.holdsAny(user, WorkspaceRoles.PROCESS_READERS));
  }
}
