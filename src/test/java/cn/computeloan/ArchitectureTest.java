package cn.computeloan;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.metaAnnotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.stereotype.Controller;

/**
 * The package boundaries of docs/architecture.md, checked on the production classes.
 *
 * <p>Rules about packages that do not exist yet pass vacuously ({@code allowEmptyShould}), so they
 * start to bite as soon as the first class lands there.
 */
@AnalyzeClasses(packages = "cn.computeloan", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ENGINE = "cn.computeloan.engine..";

  /**
   * The embedded engine is a replaceable runtime: the application reaches it only through the
   * Camunda 8 REST API (the same Camunda client that talks to a real cluster), never by importing
   * it. Spring finds its beans by component scanning.
   */
  @ArchTest
  static final ArchRule nothing_outside_the_engine_depends_on_the_engine =
      noClasses()
          .that()
          .resideOutsideOfPackage(ENGINE)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(ENGINE)
          .because("the engine is reached only through the Camunda 8 REST API");

  /** The engine knows nothing about compute loans: it runs any Camunda 8 process. */
  @ArchTest
  static final ArchRule the_engine_depends_on_no_other_application_package =
      noClasses()
          .that()
          .resideInAPackage(ENGINE)
          .should()
          .dependOnClassesThat(
              resideInAPackage("cn.computeloan..").and(not(resideInAPackage(ENGINE))))
          .because("the engine is a generic Camunda-8-compatible runtime");

  /** The credit domain is plain Java: no workflow engine, no Camunda client, no Spring. */
  @ArchTest
  static final ArchRule the_credit_domain_is_free_of_frameworks =
      noClasses()
          .that()
          .resideInAPackage("cn.computeloan.credit..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.camunda..", "org.camunda..", "org.springframework..")
          .because("credit rules must be testable and explainable without any runtime")
          .allowEmptyShould(true);

  /** Job workers call the domain and the application services, never the web layer. */
  @ArchTest
  static final ArchRule job_workers_do_not_depend_on_web_controllers =
      noClasses()
          .that()
          .resideInAPackage("cn.computeloan.process..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("cn.computeloan.application..")
                  .and(
                      metaAnnotatedWith(Controller.class)
                          .or(resideInAnyPackage("cn.computeloan.application..web..")))
                  .as("are web controllers of cn.computeloan.application"))
          .because("the process layer must work without the HTTP front end")
          .allowEmptyShould(true);

  /**
   * The staff workspace sits on top: it uses the application service, the process layer (forms) and
   * the domain, and nothing depends on it, so the API and the workers work without the browser pages.
   */
  @ArchTest
  static final ArchRule nothing_but_the_workspace_depends_on_the_workspace =
      noClasses()
          .that()
          .resideOutsideOfPackage("cn.computeloan.workspace..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("cn.computeloan.workspace..")
          .because("the workspace is a front end on top of the application");

  /** The workspace reaches the engine through the Camunda client like the rest, never the engine package. */
  @ArchTest
  static final ArchRule the_workspace_uses_only_application_process_and_credit =
      noClasses()
          .that()
          .resideInAPackage("cn.computeloan.workspace..")
          .should()
          .dependOnClassesThat(resideInAPackage("cn.computeloan..")
              .and(not(resideInAnyPackage("cn.computeloan.workspace..", "cn.computeloan.application..",
                  "cn.computeloan.process..", "cn.computeloan.credit.."))))
          .because("the workspace builds on the application service, the forms and the domain only");
}
