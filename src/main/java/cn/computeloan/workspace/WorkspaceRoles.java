package cn.computeloan.workspace;

import cn.computeloan.application.security.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.core.Authentication;

/**
 * Who may open which workspace page. The security chain enforces these sets on the paths, the
 * navigation shows only what a person may open, and page controllers use them for finer checks.
 */
public final class WorkspaceRoles {

  /** The people who decide on a case or check it: its page, its memo, its documents. */
  public static final Set<Role> CASE_READERS = EnumSet.of(Role.AUDITOR, Role.CREDIT_ANALYST, Role.ACCOUNT_MANAGER,
      Role.BRANCH_APPROVER, Role.HEAD_OFFICE_APPROVER, Role.CREDIT_COMMITTEE, Role.RISK_MANAGER);

  /** The applications search: case readers, and intake officers who follow what they submitted. */
  public static final Set<Role> APPLICATION_SEARCH = union(CASE_READERS, EnumSet.of(Role.INTAKE_OFFICER));

  /** What is deployed ({@code /processes}): process owners, who also deploy; auditors and administrators read. */
  public static final Set<Role> PROCESS_READERS = EnumSet.of(Role.PROCESS_OWNER, Role.AUDITOR, Role.ADMIN);

  private WorkspaceRoles() {
  }

  public static String[] names(Collection<Role> roles) {
    return roles.stream().map(Enum::name).toArray(String[]::new);
  }

  /** True when the signed-in person holds one of {@code roles}. */
  public static boolean holdsAny(Authentication user, Collection<Role> roles) {
    return user != null && user.getAuthorities().stream()
        .anyMatch(a -> roles.stream().anyMatch(r -> r.authority().equals(a.getAuthority())));
  }

  private static Set<Role> union(Set<Role> a, Set<Role> b) {
    EnumSet<Role> all = EnumSet.copyOf(a);
    all.addAll(b);
    return all;
  }
}
