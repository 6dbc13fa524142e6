package cn.computeloan.workspace.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What the page accepts as a file to deploy, and how the log keeps names and ids. */
class ProcessDeploymentsTest {

  private static String refusal(String fileName) {
    try {
      ProcessDeployments.checkedName(fileName);
    } catch (ProcessDeployments.Refused e) {
      return e.code();
    }
    return null;
  }

  @Test
  void shouldDeployUnderTheFilesOwnNameWithoutAPath() {
    assertThat(ProcessDeployments.checkedName("C:\\models\\esg-discount.dmn")).isEqualTo("esg-discount.dmn");
    assertThat(ProcessDeployments.checkedName("models/审批流程.BPMN")).isEqualTo("审批流程.BPMN");
    assertThat(ProcessDeployments.checkedName("prepare.form")).isEqualTo("prepare.form");
  }

  @Test
  void shouldRefuseOtherKindsMissingNamesControlCharactersAndLongNames() {
    assertThat(refusal("notes.txt")).isEqualTo("extension");
    assertThat(refusal("model.bpmn.exe")).isEqualTo("extension");
    assertThat(refusal(null)).isEqualTo("empty");
    assertThat(refusal("  ")).isEqualTo("empty");
    assertThat(refusal("dir/")).isEqualTo("name");
    assertThat(refusal("bad\u0007name.dmn")).isEqualTo("name");
    assertThat(refusal("x".repeat(252) + ".dmn")).isEqualTo("name");
    assertThat(refusal("x".repeat(251) + ".dmn")).isNull();
  }

  @Test
  void shouldKeepIdsTheColumnHoldsAndShortenLongerOnesVisibly() {
    assertThat(DeploymentLog.cut("EsgDiscountDefinitions")).isEqualTo("EsgDiscountDefinitions");
    String cut = DeploymentLog.cut("a".repeat(300));
    assertThat(cut).hasSize(DeploymentLog.ID).endsWith("…");
    assertThat(DeploymentLog.sha256(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void shouldRefuseAnEmptyOrTooLargeFileBeforeAskingTheEngine() {
    ProcessDeployments deployments = new ProcessDeployments(null, null);
    assertThatThrownBy(() -> deployments.deploy("owner", "a.dmn", new byte[0]))
        .hasFieldOrPropertyWithValue("code", "empty");
    assertThatThrownBy(() -> deployments.deploy("owner", "a.dmn", new byte[ProcessDeployments.MAX_FILE + 1]))
        .hasFieldOrPropertyWithValue("code", "tooLarge");
  }
}
