package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient;
import java.util.List;
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
class CaseBrowserTest extends BrowserTestBase {

  private static final String CHIP_CODE = "91440606MA55K3XQ20";

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
    browser.clickToLoad(By.id("search-submit"));
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
    assertThat(browser.text(By.cssSelector("#element-detail h3"))).startsWith("复核转介案件");
    browser.screenshot("case-page-element");
    browser.screenshotFullPage("case-page-full");
  }

  @Test
  void shouldShowARunningCaseWithItsVotesByRoundAndItsSeatsCounted() {
    // given: a proposal returned by ho2 in round 1, prepared again; ho1 approved a seat of round 2
    Case c = returnedOnceAndPreparedAgain();
    claimAndComplete("ho1", openTasks(c, APPROVE, 5).get(0),
        "{\"decision\":\"APPROVE\",\"approvedAmount\":1000000,\"comment\":\"同意，风险可控。\"}");
    openTasks(c, APPROVE, 4);
    browser.logIn("auditor", ApiClient.DEV_PASSWORD);

    // when
    browser.go("/applications/" + c.applicationId());
    browser.until(d -> "ready".equals(d.findElement(By.id("trace")).getAttribute("data-state")));

    // then: the seats' task is active, with its instances counted; the votes by round
    assertThat(classOf(APPROVE)).contains("trace-active");
    assertThat(classOf(PREPARE)).contains("trace-completed");
    assertThat(browser.text(By.cssSelector(".djs-overlays[data-container-id='" + APPROVE + "'] .trace-badge"))).isEqualTo("10");
    assertThat(browser.text(By.cssSelector("#votes [data-round='1']"))).contains("ho2").contains("退回")
        .contains("请补充GPU租赁合同");
    assertThat(browser.text(By.cssSelector("#votes [data-round='2']"))).contains("ho1").contains("批准")
        .contains("1,000,000.00 元");
    browser.screenshot("case-page-running");
    browser.screenshotFullPage("case-page-running-full");
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
