package cn.computeloan.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What risk managers see in Camunda Modeler, and what keeps the tables cheap to evaluate. */
class PolicyTablesTest {

  static List<String> files() {
    return DmnScalaPolicyDecisions.DEFAULT_FILES;
  }

  private static Document read(String file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    try (InputStream in = PolicyTablesTest.class.getClassLoader().getResourceAsStream("bpmn/" + file)) {
      return factory.newDocumentBuilder().parse(in);
    }
  }

  private static List<Element> all(Document doc, String ns, String name) {
    NodeList nodes = doc.getElementsByTagNameNS(ns, name);
    List<Element> result = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      result.add((Element) nodes.item(i));
    }
    return result;
  }

  private static String text(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagNameNS(DmnMetadata.DMN13, name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  /**
   * Modeler writes an "any" cell as empty text, which DMN-Scala skips; a literal "-" is parsed as
   * a FEEL unary test and costs a full FEEL evaluation per rule (see docs/benchmarks.md).
   */
  @ParameterizedTest
  @MethodSource("files")
  void shouldWriteAnyCellsEmptyAsModelerDoes(String file) throws Exception {
    Document doc = read(file);
    assertThat(all(doc, DmnMetadata.DMN13, "inputEntry"))
        .extracting(e -> text(e, "text").trim())
        .doesNotContain("-");
  }

  @ParameterizedTest
  @MethodSource("files")
  void shouldAnnotateEveryRuleAndTagEveryDecision(String file) throws Exception {
    Document doc = read(file);
    assertThat(all(doc, DmnMetadata.DMN13, "rule")).allSatisfy(rule -> {
      String annotation = text(rule, "description");
      assertThat(annotation).as(rule.getAttribute("id")).isNotBlank().contains(":");
    });
    assertThat(all(doc, DmnMetadata.DMN13, "decision")).allSatisfy(decision ->
        assertThat(decision.getElementsByTagNameNS(DmnMetadata.ZEEBE, "versionTag").getLength())
            .as(decision.getAttribute("id")).isEqualTo(1));
  }

  @ParameterizedTest
  @MethodSource("files")
  void shouldLabelFiguresAsTheProjectsOwnProposal(String file) throws Exception {
    Element definitions = read(file).getDocumentElement();
    String description = text(definitions, "description");
    assertThat(description).contains("project's own proposal").contains("published defaults");
  }

  @ParameterizedTest
  @MethodSource("files")
  void shouldLabelEveryInputAndOutputForModeler(String file) throws Exception {
    Document doc = read(file);
    assertThat(all(doc, DmnMetadata.DMN13, "input"))
        .allSatisfy(input -> assertThat(input.getAttribute("label")).isNotBlank());
    assertThat(all(doc, DmnMetadata.DMN13, "output")).allSatisfy(output -> {
      assertThat(output.getAttribute("label")).isNotBlank();
      assertThat(output.getAttribute("typeRef")).isNotBlank();
    });
  }
}
