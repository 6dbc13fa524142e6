package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The workspace in a real browser (headless Chromium) against the real approval process: sign-in
 * and sign-out, an analyst preparing a proposal through the form, an approver approving, the
 * preparer refused by the four-eyes rule, an invalid field, the English switch, and the inbox
 * following a colleague's claim. Each test leaves screenshots in target/screenshots/.
 */
class WorkspaceBrowserTest extends BrowserTestBase {

  private static final String PASSWORD = ApiClient.DEV_PASSWORD;

  /** A radio option by (part of) its label: form-js gives its inputs no value attribute. */
  private By radio(String label) {
    return By.xpath("//label[contains(normalize-space(.), '" + label + "')]");
  }

  private By field(String fieldId) {
    return By.cssSelector("[id$='-" + fieldId + "']");
  }

  /** What form-js holds for a field (not only what the DOM shows). */
  private Object formValue(String key) {
    return ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("return window.workspaceForm._getState().data[arguments[0]]", key);
  }

  /** Types into a form field until form-js holds the text (a re-render may swallow keys). */
  private void type(String fieldId, String key, String text) {
    browser.until(d -> {
      if (!text.equals(formValue(key))) {
        WebElement input = d.findElement(field(fieldId));
        input.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
            org.openqa.selenium.Keys.DELETE);
        input.sendKeys(text);
      }
      return text.equals(formValue(key));
    });
  }

  /** Picks a radio option by its label until form-js holds the value. */
  private void choose(String label, String key, String value) {
    browser.until(d -> {
      if (!value.equals(formValue(key))) {
        d.findElement(radio(label)).click();
      }
      return value.equals(formValue(key));
    });
  }

  private WebElement message() {
    return browser.until(d -> {
      WebElement m = d.findElement(By.id("task-message"));
      return m.isDisplayed() && !m.getText().isBlank() && !m.getAttribute("class").contains("info") ? m : null;
    });
  }

  private UserTaskState state(UserTask task) {
    return camunda.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getState();
  }

  @Test
  void shouldSignInAndSignOut() {
    // when: an anonymous visit to the inbox
    browser.go("/tasks");
    browser.until(d -> d.getCurrentUrl().endsWith("/login"));
    browser.screenshot("login");
    browser.logIn("analyst", PASSWORD);

    // then: the inbox, signed in as the analyst
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("我的任务");
    assertThat(browser.text(By.id("me"))).isEqualTo("analyst");

    // when: signing out
    browser.find(By.id("logout")).click();

    // then: back at the login page; the inbox needs a new sign-in
    assertThat(browser.text(By.id("logged-out"))).isEqualTo("您已退出登录");
    browser.go("/tasks");
    browser.until(d -> d.getCurrentUrl().endsWith("/login"));
  }

  @Test
  void shouldRefuseAWrongPassword() {
    browser.go("/login");
    browser.find(By.id("username")).sendKeys("analyst");
    browser.find(By.id("password")).sendKeys("wrong");
    browser.find(By.id("login-submit")).click();
    assertThat(browser.text(By.id("login-error"))).isEqualTo("用户名或密码不正确");
  }

  @Test
  void shouldLetAnAnalystClaimAndPrepareAProposalThroughTheForm() {
    // given: a case waiting for its proposal
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    browser.logIn("analyst", PASSWORD);

    // when: the analyst finds it in the inbox and opens it
    browser.go("/tasks?application=" + c.applicationId());
    browser.find(By.cssSelector("tr[data-key='" + task.getUserTaskKey() + "'] a.task-link")).click();
    browser.taskPageReady();
    assertThat(browser.text(By.id("case-name"))).isEqualTo("青海绿算数据科技有限公司");
    // the whole case and its memo are one click away
    assertThat(browser.find(By.id("case-link")).getAttribute("href")).endsWith("/applications/" + c.applicationId());
    assertThat(browser.find(By.id("memo-link")).getAttribute("href"))
        .endsWith("/applications/" + c.applicationId() + "/memo");
    browser.screenshot("task-prepare-unclaimed");
    browser.screenshotFullPage("task-prepare-full");
    // and claims it, chooses a recommendation and writes the summary
    browser.find(By.id("claim")).click();
    browser.until(d -> d.findElements(By.id("complete")).size() == 1);
    browser.taskPageReady();
    choose("Recommend approval", "recommendation", "APPROVE");
    type("Field_033", "proposalSummary", "算力利用率高，在手订单充足，现金流稳定，建议按测算额度批准。");
    browser.screenshot("task-prepare-filled");
    browser.find(By.id("complete")).click();

    // then: done; the case file has the analyst's proposal
    assertThat(message().getText()).isEqualTo("已提交。");
    browser.until(d -> d.getCurrentUrl().endsWith("/tasks"));
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> actors(c.applicationId(), "PREPARATION").size() == 1);
    assertThat(actors(c.applicationId(), "PREPARATION")).containsExactly("analyst");
  }

  @Test
  void shouldShowTheFormsMessageForAnInvalidFieldAndWriteNothing() {
    // given: the analyst holds the proposal task
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    api.send("analyst", "POST", "/api/tasks/" + task.getUserTaskKey() + "/claim", null);
    browser.logIn("analyst", PASSWORD);
    browser.go("/tasks/" + task.getUserTaskKey());
    browser.taskPageReady();

    // when: a summary shorter than the form's minimum
    choose("Recommend approval", "recommendation", "APPROVE");
    type("Field_033", "proposalSummary", "太短");
    browser.find(By.id("complete")).click();

    // then: the form's own message beside the field; nothing written
    WebElement error = browser.find(By.cssSelector(".fjs-form-field-error"));
    browser.scrollTo(error);
    assertThat(error.getText()).contains("至少 20 个字符").contains("minimum length of 20");
    assertThat(message().getText()).isEqualTo("请修改标出的字段。 方案摘要");
    browser.screenshot("task-invalid-field");
    assertThat(state(task)).isEqualTo(UserTaskState.CREATED);
    assertThat(actors(c.applicationId(), "PREPARATION")).isEmpty();
  }

  @Test
  void shouldLetAnApproverApproveBesideTheCaseAndItsEarlierReturn() {
    // given: a proposal returned once by ho2 (with the reason) and prepared again
    Case c = returnedOnceAndPreparedAgain();
    UserTask seat = openTasks(c, APPROVE, 5).get(0);
    browser.logIn("ho1", PASSWORD);

    // when: ho1 opens a seat: the case shows beside the form, with the return and why
    browser.go("/tasks/" + seat.getUserTaskKey());
    browser.taskPageReady();
    String history = browser.text(By.id("case-history"));
    assertThat(history).contains("退回").contains("请补充GPU租赁合同及近三个月算力利用率报表。").contains("ho2");
    assertThat(browser.text(By.id("case-final-rate"))).contains("bp").contains("%");
    assertThat(browser.text(By.id("case-limit"))).contains("约束额度");
    assertThat(browser.find(By.cssSelector(".fjs-powered-by")).isDisplayed()).isTrue();
    browser.find(By.id("claim")).click();
    browser.until(d -> d.findElements(By.id("complete")).size() == 1);
    browser.taskPageReady();
    choose("批准 Approve", "decision", "APPROVE");
    // prefilled from the task's variables: the approved amount starts at the proposed limit
    assertThat(((Number) formValue("approvedAmount")).longValue()).isEqualTo(55_600_000L);
    type("Field_036", "comment", "同意，风险可控，按建议额度批准。");
    // the decision at the foot of the form, beside it the case's votes with the earlier return
    ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
        "document.getElementById('case-history').scrollIntoView({block: 'end'});"
        + "window.scrollTo(0, document.body.scrollHeight);");
    browser.screenshot("task-approve");
    browser.find(By.id("complete")).click();

    // then: ho1's vote is in the case file
    assertThat(message().getText()).isEqualTo("已提交。");
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> actors(c.applicationId(), "APPROVAL-2").contains("ho1"));
  }

  @Test
  void shouldShowTheFourEyesRefusalToThePreparer() {
    // given: dual prepared the case and holds an approval seat
    Case c = submitted();
    claimAndComplete("dual", openTask(c, PREPARE), PROPOSAL);
    UserTask seat = openTasks(c, APPROVE, 5).get(0);
    api.send("dual", "POST", "/api/tasks/" + seat.getUserTaskKey() + "/claim", null);
    browser.logIn("dual", PASSWORD);
    browser.go("/tasks/" + seat.getUserTaskKey());
    browser.taskPageReady();

    // when: dual approves
    choose("批准 Approve", "decision", "APPROVE");
    type("Field_036", "comment", "同意，风险可控。");
    browser.find(By.id("complete")).click();

    // then: the listener's four-eyes refusal, and no vote
    assertThat(message().getText()).contains("经办人不得审批").contains("dual prepared this case");
    ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");
    browser.screenshot("task-four-eyes-refused");
    assertThat(actors(c.applicationId(), "APPROVAL-1")).isEmpty();
    assertThat(state(seat)).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void shouldSwitchToEnglishAndKeepIt() {
    // given
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    browser.logIn("analyst", PASSWORD);
    browser.go("/tasks?application=" + c.applicationId());
    browser.screenshot("inbox");

    // when
    browser.clickToLoad(By.id("lang-switch"));

    // then: English here and on the next page (the choice is kept)
    assertThat(browser.text(By.tagName("h1"))).isEqualTo("My tasks");
    assertThat(browser.driver().getCurrentUrl()).contains("application=" + c.applicationId()); // filters kept
    assertThat(browser.text(By.id("task-rows"))).contains("Prepare credit proposal").contains("Project loan");
    browser.screenshot("inbox-en");
    browser.go("/tasks/" + task.getUserTaskKey());
    browser.taskPageReady();
    assertThat(browser.text(By.id("case"))).contains("The case").contains("Compute scorecard").contains("Binding");
    assertThat(browser.text(By.id("claim"))).isEqualTo("Claim");
    browser.screenshot("task-en");
    browser.clickToLoad(By.id("lang-switch"));
    assertThat(browser.text(By.id("claim"))).isEqualTo("认领");
  }

  @Test
  void shouldUpdateTheInboxWhenAColleagueClaims() {
    // given: the analyst's inbox shows an unclaimed task
    Case c = submitted();
    UserTask task = openTask(c, PREPARE);
    browser.logIn("analyst", PASSWORD);
    browser.go("/tasks?application=" + c.applicationId());
    By row = By.cssSelector("tr[data-key='" + task.getUserTaskKey() + "']");
    assertThat(browser.text(row)).contains("待认领");

    // when: a colleague claims it
    api.send("analyst2", "POST", "/api/tasks/" + task.getUserTaskKey() + "/claim", null);

    // then: the row shows the colleague, without a reload
    browser.until(d -> d.findElement(row).getText().contains("analyst2"));
  }
}
