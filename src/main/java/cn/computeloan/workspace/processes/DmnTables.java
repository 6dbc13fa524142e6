package cn.computeloan.workspace.processes;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A DMN file's decisions as the page shows them: each decision table with its hit policy, inputs
 * (label and expression), outputs (label and name) and rules (entries and annotation); a decision
 * without a table shows its literal expression. Elements are matched by local name, so every DMN
 * version's namespace reads the same. No DTD, no external entities.
 */
public final class DmnTables {

  public record Input(String label, String expression) {}

  public record Output(String label, String name) {}

  public record Rule(List<String> inputs, List<String> outputs, String annotation) {}

  /** {@code table} is null for a decision with a literal expression ({@code literal}). */
  public record Decision(String id, String name, String versionTag, Table table, String literal) {}

  public record Table(String hitPolicy, String aggregation, List<Input> inputs, List<Output> outputs, List<Rule> rules) {}

  private DmnTables() {}

  public static List<Decision> parse(String xml) {
    Element root;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
          .getDocumentElement();
    } catch (Exception e) {
      // the engine accepted this file: unreadable XML here is unexpected (the page answers with a correlation id)
      throw new IllegalArgumentException("the DMN XML cannot be read: " + e.getMessage(), e);
    }
    List<Decision> decisions = new ArrayList<>();
    for (Element d : children(root, "decision")) {
      Element table = child(d, "decisionTable");
      Element literal = child(d, "literalExpression");
      Element tag = descendant(d, "versionTag");
      decisions.add(new Decision(d.getAttribute("id"), d.getAttribute("name"),
          tag == null ? null : tag.getAttribute("value"), table == null ? null : table(table),
          literal == null ? null : text(child(literal, "text"))));
    }
    return decisions;
  }

  private static Table table(Element table) {
    List<Input> inputs = children(table, "input").stream()
        .map(i -> new Input(i.getAttribute("label"), text(child(child(i, "inputExpression"), "text")))).toList();
    List<Output> outputs = children(table, "output").stream()
        .map(o -> new Output(o.getAttribute("label"), o.getAttribute("name"))).toList();
    List<Rule> rules = children(table, "rule").stream().map(r -> new Rule(
        children(r, "inputEntry").stream().map(e -> text(child(e, "text"))).toList(),
        children(r, "outputEntry").stream().map(e -> text(child(e, "text"))).toList(),
        annotation(r))).toList();
    String hitPolicy = table.getAttribute("hitPolicy");
    return new Table(hitPolicy.isEmpty() ? "UNIQUE" : hitPolicy, emptyToNull(table.getAttribute("aggregation")),
        inputs, outputs, rules);
  }

  /** The rule's description, or its annotation entries (DMN 1.2+). */
  private static String annotation(Element rule) {
    Element description = child(rule, "description");
    if (description != null) {
      return text(description);
    }
    return String.join(" · ", children(rule, "annotationEntry").stream().map(a -> text(child(a, "text"))).toList());
  }

  private static List<Element> children(Element parent, String localName) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element child(Element parent, String localName) {
    List<Element> found = children(parent, localName);
    return found.isEmpty() ? null : found.get(0);
  }

  private static Element descendant(Element parent, String localName) {
    var all = parent.getElementsByTagNameNS("*", localName);
    return all.getLength() == 0 ? null : (Element) all.item(0);
  }

  private static String text(Element e) {
    return e == null ? "" : e.getTextContent().strip();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
