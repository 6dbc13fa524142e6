package cn.computeloan.workspace;

import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;

/**
 * The signed-in person as the task rules see them: a name and the candidate groups of their roles
 * ({@code ROLE_HEAD_OFFICE_APPROVER} is group {@code head-office-approver} in the BPMN).
 */
public record StaffMember(String username, List<String> groups) {

  public StaffMember {
    groups = List.copyOf(groups);
  }

  public static StaffMember of(Authentication authentication) {
    List<String> groups = authentication.getAuthorities().stream()
        .map(a -> a.getAuthority())
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> a.substring("ROLE_".length()).toLowerCase(Locale.ROOT).replace('_', '-'))
        .toList();
    return new StaffMember(authentication.getName(), groups);
  }

  /** Whether one of {@code candidateGroups} is one of mine. */
  public boolean inGroupOf(List<String> candidateGroups) {
    return candidateGroups != null && candidateGroups.stream().anyMatch(groups::contains);
  }
}
