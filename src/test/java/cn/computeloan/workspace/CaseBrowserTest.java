package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The applications search and the case page in a real browser (headless Chromium): an auditor finds
 * a finished (rejected) case, opens it, sees the path it took marked on the diagram, the chain
 * verified, and who did the referred-case review. Screenshots in target/screenshots/.
 */
class CaseBrowserTest extends WorkspaceTestBase {

  private static final String CHIP_CODE = "91440606MA55K3XQ20";
  private Browser browser;

  @BeforeAll
  static void chromium() {
    Browser.requireChromium();
  }

  @BeforeEach
  void openBrowser() {
    browser = Browser.open(port());
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private String classOf(String elementId) {
    return browser.find(By.cssSelector(".djs-element[data-element-id='" + elementId + "']")).getAttribute("class");
  }

  @Test
  void shouldLetAnAuditorFindAFinishedCaseAndSeeItsPathAndVerifiedChain() {
    // given
    Case c = rejectedReferredCase();
    browser.logIn("auditor", ApiClient.DEV_PASSWORD);

    // when: the auditor searches the rejected applications of the applicant and opens this one
    browser.find(By.id("nav-applications")).click();
    browser.find(By.id("search-applicant")).sendKeys(CHIP_CODE);
    new Select(browser.find(By.id("search-status"))).selectByValue("REJECTED");
    browser.find(By.id("search-submit")).click();
    WebElement link = browser.find(By.cssSelector("tr[data-id='" + c.applicationId() + "'] a.case-link"));
    assertThat(browser.text(By.cssSelector("#status-counts a.current"))).startsWith("已否决");
    browser.screenshot("applications-search");
    link.click();

    // then: the diagram is drawn with the path taken marked
    browser.until(d -> "ready".equals(d.findElement(By.id("trace")).getAttribute("data-state")));
    assertThat(classOf("Task_ReviewReferredCase")).contains("trace-completed");
    assertThat(classOf("EndEvent_ApplicationRejected")).contains("trace-completed");
    assertThat(classOf("Task_PrepareCreditProposal")).doesNotContain("trace-completed").doesNotContain("trace-active");
    @SuppressWarnings("unchecked")
    List<String> taken = (List<String>) ((JavascriptExecutor) browser.driver())
        .executeScript("return window.caseTrace.data.takenFlows");
    assertThat(taken).isNotEmpty();
    for (String flow : taken) {
      assertThat(classOf(flow)).as(flow).contains("trace-taken");
    }
    // and the chain is verified
    assertThat(browser.text(By.id("chain-verified"))).startsWith("哈希链校验通过");
    assertThat(browser.text(By.id("case-status"))).isEqualTo("已否决");
    browser.screenshot("case-page");

    // when: the auditor selects the review on the diagram
    WebElement review = browser.find(By.cssSelector(".djs-element[data-element-id='Task_ReviewReferredCase']"));
    browser.scrollTo(review);
    review.click();

    // then: its run, when and by whom
    WebElement runs = browser.find(By.id("element-instances"));
    assertThat(runs.getText()).contains("analyst").contains("COMPLETED");
    browser.screenshot("case-page-element");
    browser.screenshotFullPage("case-page-full");
  }

  @Test
  void shouldShowTheCasePageInEnglish() {
    Case c = rejectedReferredCase();
    browser.logIn("auditor", ApiClient.DEV_PASSWORD);

    browser.go("/applications/" + c.applicationId() + "?lang=en");
    browser.until(d -> "ready".equals(d.findElement(By.id("trace")).getAttribute("data-state")));

    assertThat(browser.text(By.id("chain-verified"))).startsWith("Chain verified");
    assertThat(browser.text(By.id("case-status"))).isEqualTo("Rejected");
    browser.go("/tasks?lang=zh");
  }
}
