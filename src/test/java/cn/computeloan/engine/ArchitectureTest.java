package cn.computeloan.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  private final JavaClasses engineClasses = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("cn.computeloan.engine");

  @Test
  void shouldKeepRestLayerOnCommandsRecordsAndReadModel() {
    // javax.sql: the configuration hands the application's DataSource to the read model's history archive
    classes().that().resideInAPackage("cn.computeloan.engine.rest..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "cn.computeloan.engine.rest..", "cn.computeloan.engine.api..", "cn.computeloan.engine.record..",
            "cn.computeloan.engine.query..", "java..", "javax.sql..", "jakarta.servlet..", "org.springframework..",
            "com.fasterxml.jackson..", "org.slf4j..")
        .check(engineClasses);
  }

  @Test
  void shouldKeepReadModelFreeOfWebAndCommandSide() {
    // javax.sql and slf4j: the history archive keeps finished trees in the application's database;
    // snapshot: the read model is a SnapshotParticipant
    classes().that().resideInAPackage("cn.computeloan.engine.query..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "cn.computeloan.engine.query..", "cn.computeloan.engine.record..", "cn.computeloan.engine.snapshot..",
            "java..", "javax.sql..", "org.slf4j..", "com.fasterxml.jackson..", "io.camunda.zeebe.model.bpmn..")
        .check(engineClasses);
  }
}
