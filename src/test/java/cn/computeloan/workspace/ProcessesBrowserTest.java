package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/**
 * The process owners' page in a real browser: a process owner deploys a changed decision table and
 * sees the new version beside the earlier one, its table with the changed rule, a refused file with
 * the engine's reason, and a process version's diagram. Screenshots in target/screenshots/processes-*.
 */
class ProcessesBrowserTest extends ProcessOwnerTestBase {

  @RegisterExtension final BrowserSession session = new BrowserSession(this::port);
  private Browser browser;
  @TempDir Path files;

  @BeforeEach
  void useBrowser() {
    browser = session.browser();
  }

  private By version(String kind, String id, int version) {
    return By.cssSelector("tr.version[data-kind='" + kind + "'][data-id='" + id + "'][data-version='" + version + "']");
  }

  private void upload(String fileName, String content) throws IOException {
    Path file = Files.writeString(files.resolve(fileName), content);
    browser.find(By.id("deploy-file")).sendKeys(file.toAbsolutePath().toString());
    browser.clickToLoad(By.id("deploy-submit"));
  }

  @Test
  void shouldLetAProcessOwnerDeployAChangedDecisionTableAndSeeTheNewVersionBesideTheOld() throws IOException {
    // given: the process owner on the page
    int before = latestEsgDiscountVersion();
    browser.logIn(OWNER, ApiClient.DEV_PASSWORD);
    browser.clickToLoad(By.id("nav-processes"));
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("流程与决策");
    browser.screenshot("processes-list");

    // when: they deploy the ESG discount table with rule 2 earning 35 bp
    upload("esg-discount.dmn", changedEsgDiscount(35));

    // then: deployed, and the new version listed beside the earlier one, by them
    assertThat(browser.text(By.id("deploy-result"))).contains("esg-discount.dmn", "新版本 1 个");
    WebElement card = browser.find(By.cssSelector("#decisions .definition[data-id='" + ESG + "']"));
    List<String> versions = card.findElements(By.cssSelector("tr.version")).stream()
        .map(r -> r.getAttribute("data-version")).toList();
    assertThat(versions).startsWith(Integer.toString(before + 1), Integer.toString(before)).endsWith("1");
    WebElement newest = browser.find(version("decision", ESG, before + 1));
    assertThat(newest.findElement(By.className("deployed-by")).getText()).isEqualTo(OWNER);
    assertThat(browser.find(version("decision", ESG, 1)).findElement(By.className("deployed-by")).getText())
        .isEqualTo("系统启动部署");
    browser.scrollTo(card);
    browser.screenshot("processes-new-version");

    // and the new version's table has the changed rule
    newest.findElement(By.linkText("决策表")).click();
    WebElement rule2 = browser.find(By.cssSelector("[data-decision='EsgDiscount'] tr.rule:nth-child(2)"));
    assertThat(rule2.findElements(By.cssSelector("td.output")).get(0).getText()).isEqualTo("35");
    browser.screenshotFullPage("processes-decision-table");
  }

  @Test
  void shouldShowTheEnginesReasonForARefusedFile() throws IOException {
    // given
    browser.logIn(OWNER, ApiClient.DEV_PASSWORD);
    browser.go("/processes");

    // when: a model whose service task has no job type
    upload("broken.bpmn", modelWithoutJobType("owner-broken-browser"));

    // then
    assertThat(browser.text(By.id("deploy-refused"))).contains("引擎拒绝了该文件", "broken.bpmn");
    assertThat(browser.text(By.id("deploy-reason"))).contains("Task_WithoutType", "zeebe:taskDefinition");
    browser.screenshot("processes-refused");
  }

  @Test
  void shouldDrawAProcessVersionsDiagramForAnAuditorInEnglish() {
    // given: an auditor reads (and may not deploy)
    browser.logIn("auditor", ApiClient.DEV_PASSWORD);
    browser.go("/processes?lang=en");
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("Processes and decisions");
    assertThat(browser.driver().findElements(By.id("deploy-file"))).isEmpty();

    // when
    browser.find(version("process", "compute-loan-approval", 1)).findElement(By.linkText("Diagram")).click();

    // then: the diagram drawn, the bpmn.io watermark visible
    browser.until(d -> "true".equals(((JavascriptExecutor) d).executeScript("return document.body.dataset.ready")));
    assertThat(browser.driver().findElements(By.cssSelector("#diagram [data-element-id='Task_PrepareCreditProposal']")))
        .isNotEmpty();
    assertThat(browser.find(By.cssSelector("#diagram .bjs-powered-by")).isDisplayed()).isTrue();
    browser.screenshot("processes-diagram");
  }
}
