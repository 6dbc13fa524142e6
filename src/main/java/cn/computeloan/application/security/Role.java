package cn.computeloan.application.security;

import java.util.Arrays;
import java.util.List;

/**
 * The roles of the bank's staff, plus the application's own engine client. Granted authorities are
 * {@code ROLE_<name>}; configuration and identity-provider claims use the plain name.
 */
public enum Role {
  INTAKE_OFFICER,
  CREDIT_ANALYST,
  ACCOUNT_MANAGER,
  BRANCH_APPROVER,
  HEAD_OFFICE_APPROVER,
  CREDIT_COMMITTEE,
  RISK_MANAGER,
  /**
   * Looks after the deployed models, decisions and forms: reads them and deploys new versions (the
   * workspace's {@code /processes}, Camunda Modeler on {@code POST /v2/deployments}); no case data.
   */
  PROCESS_OWNER,
  AUDITOR,
  ADMIN,
  /** The application's own Camunda client (job workers, process start); never a person. */
  ENGINE_CLIENT,
  /**
   * The bank's core banking system: reports repayments ({@code /api/applications/{id}/payments})
   * and nothing else; a technical account, never a person.
   */
  CORE_BANKING;

  /** The ten roles people have. */
  public static List<Role> staff() {
    return Arrays.stream(values()).filter(r -> r != ENGINE_CLIENT && r != CORE_BANKING).toList();
  }

  /** Roles configuration and the identity provider may grant: people's, and the core banking system's. */
  public static List<Role> grantable() {
    return Arrays.stream(values()).filter(r -> r != ENGINE_CLIENT).toList();
  }

  /** {@code ROLE_}-less names of {@link #staff()}, as {@code hasAnyRole} takes them. */
  public static String[] staffNames() {
    return staff().stream().map(Enum::name).toArray(String[]::new);
  }

  /**
   * {@code ROLE_}-less names of the people who work on or read cases: every staff role but the
   * process owner, whose work is the models, not the borrowers' data.
   */
  public static String[] caseStaffNames() {
    return staff().stream().filter(r -> r != PROCESS_OWNER).map(Enum::name).toArray(String[]::new);
  }

  public String authority() {
    return "ROLE_" + name();
  }
}
