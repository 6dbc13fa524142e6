package cn.computeloan;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.TreeSet;

/**
 * The package table of docs/architecture.md, checked on the production classes. Every rule names a
 * package that exists: ArchUnit fails a rule whose classes match nothing (no {@code allowEmptyShould}),
 * and {@link #the_packages_are_those_of_the_table} fails when a package is added or removed, so the
 * table, these rules and the code move together.
 */
@AnalyzeClasses(packages = "cn.computeloan", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "cn.computeloan";
  private static final String CREDIT = "cn.computeloan.credit..";
  private static final String POLICY = "cn.computeloan.policy..";
  private static final String APPLICATION = "cn.computeloan.application..";
  private static final String PROCESS = "cn.computeloan.process..";
  private static final String ENGINE = "cn.computeloan.engine..";
  private static final String WORKSPACE = "cn.computeloan.workspace..";

  /** The rows of the table: the only packages directly under cn.computeloan. */
  @ArchTest
  static void the_packages_are_those_of_the_table(JavaClasses classes) {
    Set<String> packages = new TreeSet<>();
    for (JavaClass c : classes) {
      String rest = c.getPackageName().equals(ROOT) ? "" : c.getPackageName().substring(ROOT.length() + 1);
      packages.add(rest.isEmpty() ? "(root)" : rest.split("\\.")[0]);
    }
    assertThat(packages).containsExactlyInAnyOrder("(root)", "credit", "policy", "application", "process", "engine",
        "workspace");
  }

  /**
   * The embedded engine is a replaceable runtime: the application reaches it only through the
   * Camunda 8 REST API (the same Camunda client that talks to a real cluster), never by importing
   * it. Spring finds its beans by component scanning.
   */
  @ArchTest
  static final ArchRule nothing_outside_the_engine_depends_on_the_engine =
      noClasses().that().resideOutsideOfPackage(ENGINE)
          .should().dependOnClassesThat().resideInAPackage(ENGINE)
          .because("the engine is reached only through the Camunda 8 REST API");

  /** The engine knows nothing about compute loans: it runs any Camunda 8 process. */
  @ArchTest
  static final ArchRule the_engine_depends_on_no_other_application_package =
      noClasses().that().resideInAPackage(ENGINE)
          .should().dependOnClassesThat(resideInAPackage("cn.computeloan..").and(not(resideInAPackage(ENGINE))))
          .because("the engine is a generic Camunda-8-compatible runtime");

  /** The credit domain is plain Java: no workflow engine, no Camunda client, no Spring. */
  @ArchTest
  static final ArchRule the_credit_domain_is_free_of_frameworks =
      noClasses().that().resideInAPackage(CREDIT)
          .should().dependOnClassesThat().resideInAnyPackage("io.camunda..", "org.camunda..", "org.springframework..")
          .because("credit rules must be testable and explainable without any runtime");

  /** ... and depends on no other package of ours: everything else is built on it. */
  @ArchTest
  static final ArchRule the_credit_domain_depends_on_no_other_package =
      noClasses().that().resideInAPackage(CREDIT)
          .should().dependOnClassesThat(resideInAPackage("cn.computeloan..").and(not(resideInAPackage(CREDIT))))
          .because("the credit domain is the innermost layer");

  /** The DMN adapter implements the domain's decision port and nothing else. */
  @ArchTest
  static final ArchRule the_policy_adapter_depends_only_on_the_credit_domain =
      noClasses().that().resideInAPackage(POLICY)
          .should().dependOnClassesThat(resideInAPackage("cn.computeloan..")
              .and(not(resideInAnyPackage(POLICY, CREDIT))))
          .because("the policy adapter sits behind the domain's decision port");

  /**
   * Job workers use the domain and their own ports ({@code process.CaseFile}), which the
   * application implements; they never reach into the application, the policy adapter or the engine.
   */
  @ArchTest
  static final ArchRule job_workers_depend_only_on_the_credit_domain =
      noClasses().that().resideInAPackage(PROCESS)
          .should().dependOnClassesThat(resideInAPackage("cn.computeloan..")
              .and(not(resideInAnyPackage(PROCESS, CREDIT))))
          .because("the process layer must work without the application service (in-memory case file)");

  /** The application service uses the domain and implements the workers' ports; the policy reaches it via the domain. */
  @ArchTest
  static final ArchRule the_application_depends_only_on_the_credit_domain_and_the_process_ports =
      noClasses().that().resideInAPackage(APPLICATION)
          .should().dependOnClassesThat(resideInAPackage("cn.computeloan..")
              .and(not(resideInAnyPackage(APPLICATION, CREDIT, PROCESS))))
          .because("the application reaches the policy through the domain's decision port");

  /**
   * The staff workspace sits on top: it uses the application service, the process layer (forms) and
   * the domain, and nothing depends on it, so the API and the workers work without the browser pages.
   */
  @ArchTest
  static final ArchRule nothing_but_the_workspace_depends_on_the_workspace =
      noClasses().that().resideOutsideOfPackage(WORKSPACE)
          .should().dependOnClassesThat().resideInAPackage(WORKSPACE)
          .because("the workspace is a front end on top of the application");

  /** The workspace reaches the engine through the Camunda client like the rest, never the engine package. */
  @ArchTest
  static final ArchRule the_workspace_uses_only_application_process_and_credit =
      noClasses().that().resideInAPackage(WORKSPACE)
          .should().dependOnClassesThat(resideInAPackage("cn.computeloan..")
              .and(not(resideInAnyPackage(WORKSPACE, APPLICATION, PROCESS, CREDIT))))
          .because("the workspace builds on the application service, the forms and the domain only");

  /**
   * No package cycles anywhere, the engine's sub-packages included: every package can be read and
   * tested with only the packages below it.
   */
  @ArchTest
  static final ArchRule no_package_is_part_of_a_cycle =
      slices().matching("cn.computeloan.(**)").should().beFreeOfCycles()
          .because("a package in a cycle cannot be understood, tested or moved alone");
}
