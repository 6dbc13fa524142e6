package cn.computeloan.workspace.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.computeloan.workspace.processes.DmnTables.Decision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DMN files read as the page shows them. */
class DmnTablesTest {

  @Test
  void shouldReadEveryDecisionTableOfThePolicy() throws IOException {
    // given: the ESG discount table as deployed
    String xml = Files.readString(Path.of("bpmn", "esg-discount.dmn"));

    // when
    List<Decision> decisions = DmnTables.parse(xml);

    // then
    assertThat(decisions).hasSize(1);
    Decision esg = decisions.get(0);
    assertThat(esg.id()).isEqualTo("EsgDiscount");
    assertThat(esg.versionTag()).isEqualTo("v1");
    assertThat(esg.table().hitPolicy()).isEqualTo("FIRST");
    assertThat(esg.table().inputs()).extracting(DmnTables.Input::expression).containsExactly("esgRating", "ratingChange");
    assertThat(esg.table().outputs()).extracting(DmnTables.Output::name)
        .containsExactly("discountBp", "reasonZh", "reasonEn");
    assertThat(esg.table().rules()).hasSize(9);
    DmnTables.Rule second = esg.table().rules().get(1);
    assertThat(second.inputs()).containsExactly("\"AAA\",\"AA\"", "> 0");
    assertThat(second.outputs().get(0)).isEqualTo("25");
    assertThat(second.annotation()).isEqualTo("top: ESG rating AA or better and upgraded");
  }

  @Test
  void shouldReadEveryDmnFileOfTheApplication() throws IOException {
    try (var files = Files.list(Path.of("bpmn"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".dmn")).toList()) {
        List<Decision> decisions = DmnTables.parse(Files.readString(file));
        assertThat(decisions).as(file.toString()).isNotEmpty()
            .allSatisfy(d -> assertThat(d.table() != null || d.literal() != null).as(d.id()).isTrue());
      }
    }
  }

  @Test
  void shouldReadALiteralExpressionAndAnAnnotationEntryAndDefaultTheHitPolicy() {
    String xml = """
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="n">
          <decision id="literal" name="Literal"><literalExpression><text>a + b</text></literalExpression></decision>
          <decision id="table" name="Table"><decisionTable>
            <input label="A"><inputExpression typeRef="number"><text>a</text></inputExpression></input>
            <output label="B" name="b" typeRef="number"/>
            <rule><inputEntry><text>&lt; 1</text></inputEntry><outputEntry><text>2</text></outputEntry>
              <annotationEntry><text>small</text></annotationEntry></rule>
          </decisionTable></decision>
        </definitions>""";

    List<Decision> decisions = DmnTables.parse(xml);

    assertThat(decisions.get(0).table()).isNull();
    assertThat(decisions.get(0).literal()).isEqualTo("a + b");
    assertThat(decisions.get(1).table().hitPolicy()).isEqualTo("UNIQUE");
    assertThat(decisions.get(1).table().rules().get(0).inputs()).containsExactly("< 1");
    assertThat(decisions.get(1).table().rules().get(0).annotation()).isEqualTo("small");
  }

  @Test
  void shouldRefuseADocumentTypeDeclaration() {
    String xml = "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><definitions><decision id=\"x\">&x;</decision>"
        + "</definitions>";
    assertThatThrownBy(() -> DmnTables.parse(xml)).isInstanceOf(IllegalArgumentException.class);
  }
}
