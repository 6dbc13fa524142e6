package cn.computeloan.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient;
import cn.computeloan.credit.TestData;
import cn.computeloan.workspace.intake.IntakeFields;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The credit memo and intake in a real browser (headless Chromium): an approver reads the memo,
 * prints it (no navigation on paper) and downloads its PDF; an intake officer submits a bad
 * application, sees the API's problems at their fields, corrects it, submits, and uploads a
 * document. Screenshots in target/screenshots/.
 */
class MemoAndIntakeBrowserTest extends BrowserTestBase {

  @Test
  void shouldLetAnApproverReadPrintAndDownloadTheCreditMemo() throws Exception {
    // given: a case prepared and voted on once
    Case c = submitted();
    claimAndComplete("analyst", openTask(c, PREPARE), PROPOSAL);
    claimAndComplete("ho1", openTasks(c, APPROVE, 5).get(0),
        "{\"decision\":\"APPROVE\",\"approvedAmount\":55600000,\"comment\":\"同意，风险可控，按建议额度批准。\"}");
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !actors(c.applicationId(), "APPROVAL-1").isEmpty());
    browser.logIn("ho2", ApiClient.DEV_PASSWORD);

    // when: ho2 opens the memo
    browser.go("/applications/" + c.applicationId() + "/memo");

    // then: the memo with its charts, one point per year on the revenue line
    assertThat(browser.text(By.id("memo-applicant"))).isEqualTo("青海绿算数据科技有限公司");
    assertThat(browser.text(By.id("memo-votes"))).contains("ho1").contains("同意，风险可控，按建议额度批准。");
    assertThat(browser.driver().findElements(By.cssSelector("#chart-financials g.series:first-of-type circle.point")))
        .hasSize(3);
    browser.screenshot("memo");
    browser.scrollTo(browser.find(By.id("memo-score")));
    browser.screenshot("memo-score");
    browser.screenshotFullPage("memo-full");

    // and printed: A4 layout without the navigation and the buttons
    ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    assertThat(browser.find(By.cssSelector(".topbar")).isDisplayed()).isFalse();
    assertThat(browser.find(By.id("memo-pdf")).isDisplayed()).isFalse();
    ((JavascriptExecutor) browser.driver()).executeScript("window.scrollTo(0, 0)");
    browser.screenshot("memo-print");
    ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));

    // and the PDF link, fetched with the browser's own session, is the memo with the applicant's name as text
    String href = browser.find(By.id("memo-pdf")).getAttribute("href");
    Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
    HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(href))
        .header("Cookie", "JSESSIONID=" + session.getValue()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      assertThat(new PDFTextStripper().getText(document)).contains("青海绿算数据科技有限公司").contains("授信审批报告");
      // the PDF as pages, beside the screenshots, to look at
      Files.createDirectories(Browser.SCREENSHOTS);
      Files.write(Browser.SCREENSHOTS.resolve("memo.pdf"), pdf.body());
      org.apache.pdfbox.rendering.PDFRenderer pages = new org.apache.pdfbox.rendering.PDFRenderer(document);
      for (int i = 0; i < Math.min(3, document.getNumberOfPages()); i++) {
        javax.imageio.ImageIO.write(pages.renderImageWithDPI(i, 110), "png",
            Browser.SCREENSHOTS.resolve("memo-pdf-page-" + (i + 1) + ".png").toFile());
      }
    }
  }

  /** Fills the intake form with {@code values} (by input name) as a person would leave it. */
  private void fill(Map<String, String> values) {
    ((JavascriptExecutor) browser.driver()).executeScript(
        "for (const [name, value] of Object.entries(arguments[0])) {"
        + "  const input = document.querySelector('#intake-form [name=\"' + CSS.escape(name) + '\"]');"
        + "  if (input.type === 'checkbox') { input.checked = value === 'true'; } else { input.value = value; } }",
        values);
  }

  @Test
  void shouldLetIntakeSeeTheFieldErrorsThenSubmitAGoodApplicationAndUploadADocument() throws Exception {
    // given: the intake officer on the new-application page, the form filled with a bad credit code
    browser.logIn("intake", ApiClient.DEV_PASSWORD);
    browser.find(By.id("nav-intake")).click();
    browser.until(d -> d.getCurrentUrl().endsWith("/applications/new"));
    long before = jdbc.sql("SELECT COUNT(*) FROM loan_application").query(Long.class).single();
    fill(IntakeFields.fromJson(TestData.json(TestData.DATA_CENTRE)));
    WebElement code = browser.find(By.id("f-applicant.unifiedSocialCreditCode"));
    code.clear();
    code.sendKeys("123");

    // when
    browser.clickToLoad(By.id("intake-submit"));

    // then: the API's problem at the field, the values kept, nothing stored
    WebElement error = browser.find(By.cssSelector(".field-error[data-field='applicant.unifiedSocialCreditCode']"));
    assertThat(error.isDisplayed()).isTrue();
    assertThat(browser.text(By.id("intake-problems"))).contains("未保存");
    assertThat(browser.find(By.id("f-applicant.unifiedSocialCreditCode")).getAttribute("value")).isEqualTo("123");
    assertThat(browser.find(By.id("f-applicant.name")).getAttribute("value")).isEqualTo("青海绿算数据科技有限公司");
    browser.scrollTo(error);
    browser.screenshot("intake-field-errors");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM loan_application").query(Long.class).single()).isEqualTo(before);

    // when: corrected and submitted again
    code = browser.find(By.id("f-applicant.unifiedSocialCreditCode"));
    code.clear();
    code.sendKeys("91630100MA7510RN8X");
    browser.clickToLoad(By.id("intake-submit"));

    // then: stored, and on to its documents
    assertThat(browser.text(By.id("intake-submitted"))).contains("已提交");
    String id = browser.text(By.id("intake-application-id"));
    assertThat(jdbc.sql("SELECT submitted_by FROM loan_application WHERE id = ?").param(id).query(String.class)
        .single()).isEqualTo("intake");

    // when: a balance sheet uploaded
    Path file = Files.createTempFile("资产负债表", ".pdf");
    Files.write(file, "%PDF-1.4 balance sheet".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    new Select(browser.find(By.id("upload-kind"))).selectByValue("BALANCE_SHEET");
    browser.find(By.id("upload-file")).sendKeys(file.toAbsolutePath().toString());
    browser.clickToLoad(By.id("upload-submit"));

    // then
    assertThat(browser.text(By.id("intake-uploaded"))).contains("已上传");
    assertThat(browser.text(By.id("document-list"))).contains(file.getFileName().toString()).contains("资产负债表");
    browser.screenshot("intake-documents");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM application_document WHERE application_id = ?").param(id)
        .query(Long.class).single()).isEqualTo(1);
    Files.deleteIfExists(file);
  }
}
