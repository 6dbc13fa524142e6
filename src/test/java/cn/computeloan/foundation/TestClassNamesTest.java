package cn.computeloan.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Surefire picks test classes by file name (pom.xml). Every class with tests must match the
 * patterns, or its tests silently never run; and the patterns must not match names that helpers or
 * configuration classes carry ({@code SecurityProperties}, {@code TestPostgres}), or such a class
 * would be run as a test. Hence: test classes end in {@code Test} or {@code Tests}, jqwik property
 * classes included; {@code *Benchmark} classes are excluded on purpose (run by hand).
 */
class TestClassNamesTest {

  /** Annotations that make a method (or, for ArchUnit, a field) a test for one of our engines. */
  private static final Set<String> TEST_ANNOTATIONS = Set.of(
      "org.junit.jupiter.api.Test", "org.junit.jupiter.api.RepeatedTest", "org.junit.jupiter.api.TestFactory",
      "org.junit.jupiter.api.TestTemplate", "org.junit.jupiter.params.ParameterizedTest",
      "net.jqwik.api.Property", "net.jqwik.api.Example", "com.tngtech.archunit.junit.ArchTest");

  private static List<PathMatcher> includes;
  private static List<PathMatcher> excludes;
  /** The top-level concrete classes of the test sources. */
  private static List<Class<?>> topLevel;
  private static List<Class<?>> testClasses;

  @BeforeAll
  static void readPomAndTestClasses() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element surefire = null;
    NodeList plugins = factory.newDocumentBuilder().parse(Path.of("pom.xml").toFile()).getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (text(plugin, "artifactId").equals("maven-surefire-plugin")) {
        surefire = plugin;
      }
    }
    assertThat(surefire).as("maven-surefire-plugin in pom.xml").isNotNull();
    includes = matchers(surefire, "include");
    excludes = matchers(surefire, "exclude");

    // the compiled test classes, loaded without initialising them
    Path root = Path.of(TestClassNamesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$"))
          .toList()) {
        String name = root.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, TestClassNamesTest.class.getClassLoader());
        if (!type.isInterface() && !type.isAnnotation() && !Modifier.isAbstract(type.getModifiers())) {
          classes.add(type);
        }
      }
    }
    topLevel = classes;
    testClasses = topLevel.stream().filter(TestClassNamesTest::hasTests).toList();
  }

  @Test
  void shouldRunEveryTestClassExceptTheBenchmarks() {
    // given: every concrete class with tests (JUnit, jqwik, ArchUnit), inherited ones included
    assertThat(testClasses).as("test classes found").hasSizeGreaterThan(50);

    // when: they are matched as Surefire matches them
    List<String> notRun = testClasses.stream().filter(c -> !runs(c)).map(Class::getSimpleName).toList();

    // then: only the benchmarks stay out, and the property classes of the credit domain are in
    assertThat(notRun).as("test classes Surefire would not run").allMatch(name -> name.endsWith("Benchmark"));
    assertThat(testClasses).filteredOn(c -> c.getPackageName().equals("cn.computeloan.credit.properties"))
        .isNotEmpty().allMatch(TestClassNamesTest::runs);
  }

  @Test
  void shouldPickUpNoClassByANameHelpersAndConfigurationCarry() {
    // then: names of configuration classes and test helpers never match
    assertThat(Stream.of("cn/computeloan/application/security/SecurityProperties.java",
        "cn/computeloan/credit/properties/TierProperties.java", "cn/computeloan/testsupport/TestPostgres.java",
        "cn/computeloan/process/ProcessFixture.java", "cn/computeloan/engine/testing/Records.java"))
        .noneMatch(TestClassNamesTest::included);
    // and: every class Surefire would run has tests (no helper is run for its name)
    // (JMH's generated *_jmhTest classes among them until pom.xml excluded jmh_generated)
    List<String> runWithoutTests = topLevel.stream().filter(TestClassNamesTest::runs).filter(c -> !hasTests(c))
        .map(Class::getName).toList();
    assertThat(runWithoutTests).isEmpty();
  }

  /** Declares or inherits a test method or ArchUnit rule field. */
  private static boolean hasTests(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (Stream.of(c.getDeclaredMethods()).anyMatch(TestClassNamesTest::annotatedAsTest)
          || Stream.of(c.getDeclaredFields()).anyMatch(TestClassNamesTest::annotatedAsTest)) {
        return true;
      }
    }
    return false;
  }

  private static boolean annotatedAsTest(AnnotatedElement member) {
    return Stream.of(member.getAnnotations()).anyMatch(a -> TEST_ANNOTATIONS.contains(a.annotationType().getName()));
  }

  private static boolean runs(Class<?> type) {
    String file = type.getName().replace('.', '/') + ".java";
    return included(file) && excludes.stream().noneMatch(m -> m.matches(Path.of(file)));
  }

  private static boolean included(String file) {
    return includes.stream().anyMatch(m -> m.matches(Path.of(file)));
  }

  private static List<PathMatcher> matchers(Element plugin, String tag) {
    List<PathMatcher> matchers = new ArrayList<>();
    NodeList patterns = plugin.getElementsByTagName(tag);
    for (int i = 0; i < patterns.getLength(); i++) {
      // Surefire's "**/" also matches no folder at all; a Java glob's does not
      String pattern = patterns.item(i).getTextContent().trim().replace("**/", "{**/,}");
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
    }
    return matchers;
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }
}
