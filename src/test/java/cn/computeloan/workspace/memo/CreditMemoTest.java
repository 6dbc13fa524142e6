package cn.computeloan.workspace.memo;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient;
import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.workspace.WorkspaceTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The credit memo of a case prepared by the analyst and voted on once: every section in the page,
 * one chart point per fiscal year, the PDF's text (the applicant's Chinese name, the tier, the final
 * rate) in an embedded font, and who may not read it.
 */
class CreditMemoTest extends WorkspaceTestBase {

  private static Case voted;

  /** One case for the class: proposal prepared, one head-office seat approved. */
  private synchronized Case voted() {
    if (voted == null) {
      Case c = submitted();
      claimAndComplete("analyst", openTask(c, PREPARE), PROPOSAL);
      claimAndComplete("ho1", openTasks(c, APPROVE, 5).get(0),
          "{\"decision\":\"APPROVE\",\"approvedAmount\":50000000,\"comment\":\"同意，风险可控，按建议额度批准。\"}");
      org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !actors(c.applicationId(), "APPROVAL-1").isEmpty());
      voted = c;
    }
    return voted;
  }

  private JsonNode detail(Case c) {
    return api.send("auditor", "GET", "/api/applications/" + c.applicationId(), null).json();
  }

  private HttpResponse<byte[]> bytes(String user, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(api.uri(path))
        .header("Authorization", ApiClient.basic(user, ApiClient.DEV_PASSWORD)).GET().build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void shouldShowEverySectionOfTheMemoFromTheRecordedCase() {
    // given
    Case c = voted();
    JsonNode results = detail(c).path("results");

    // when
    Response page = api.send("ho2", "GET", "/applications/" + c.applicationId() + "/memo", null);

    // then
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    for (String section : List.of("borrower", "statements", "ratios", "review", "score", "limit", "guarantee",
        "pricing", "repayment", "authority", "votes", "policy")) {
      assertThat(page.body()).as(section).contains("id=\"memo-" + section + "\"");
    }
    assertThat(page.body()).contains("青海绿算数据科技有限公司")
        .contains("等级 " + results.path("SCORE").path("result").path("tier").asText())
        .contains(results.path("PRICING").path("result").path("finalRateBp").asText() + " bp")
        .contains("同意，风险可控，按建议额度批准。").contains("ho1")
        .contains(results.path("SCORE").path("policyVersion").asText())
        .contains("总行贷审会").contains("/assets/memo.css");
    assertThat(page.body()).doesNotContain("memo.section").doesNotContain("??");
  }

  @Test
  void shouldPrintOnA4WithoutTheNavigation() {
    String css = api.send("auditor", "GET", "/assets/memo.css", null).body();
    assertThat(css).contains("@page { size: A4;");
    assertThat(css.substring(css.indexOf("@media print"))).contains(".topbar, .memo-tools { display: none !important; }");
  }

  @Test
  void shouldDrawOnePointPerFiscalYearInEveryTrendChart() {
    // given
    Case c = voted();
    int years = detail(c).path("results").path("REVIEW").path("result").path("ratios").size();

    // when
    String page = api.send("auditor", "GET", "/applications/" + c.applicationId() + "/memo", null).body();

    // then: seven trend charts; every series has one point per year that has the figure, labelled with its year
    JsonNode ratios = detail(c).path("results").path("REVIEW").path("result").path("ratios");
    List<String> charts = matches(page, "<svg[^>]*class=\"chart trend\".*?</svg>");
    assertThat(charts).hasSize(7);
    for (String chart : charts) {
      String id = matches(chart, "id=\"chart-([A-Za-z]+)\"").get(0);
      List<String> expected = new ArrayList<>();
      for (JsonNode year : ratios) {
        if (id.equals("financials") || !year.path(id).isNull() && !year.path(id).isMissingNode()) {
          expected.add(year.path("fiscalYear").asText());
        }
      }
      for (String series : matches(chart, "<g class=\"series\".*?</g>")) {
        assertThat(matches(series, "data-year=\"(\\d{4})\"")).as(id).containsExactlyElementsOf(expected);
      }
    }
    assertThat(years).isEqualTo(3);
    assertThat(matches(charts.get(0), "<circle class=\"point\"")).hasSize(3 * years);
    assertThat(matches(page, "<svg[^>]*id=\"chart-factors\".*?</svg>")).hasSize(1);
  }

  @Test
  void shouldRenderThePdfWithSelectableChineseTextTheTierAndTheFinalRate() throws Exception {
    // given
    Case c = voted();
    JsonNode results = detail(c).path("results");

    // when: by its .pdf path and by ?format=pdf
    HttpResponse<byte[]> pdf = bytes("ho2", "/applications/" + c.applicationId() + "/memo.pdf");
    HttpResponse<byte[]> byFormat = bytes("auditor", "/applications/" + c.applicationId() + "/memo?format=pdf");

    // then
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(byFormat.statusCode()).isEqualTo(200);
    assertThat(byFormat.headers().firstValue("Content-Type")).hasValue("application/pdf");
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      // wrapped lines joined: a long comment or version string may break anywhere
      String text = new PDFTextStripper().getText(document).replace("\n", "");
      assertThat(text).contains("青海绿算数据科技有限公司").contains("授信审批报告")
          .contains("等级 " + results.path("SCORE").path("result").path("tier").asText())
          .contains(results.path("PRICING").path("result").path("finalRateBp").asText() + " bp")
          .contains("同意，风险可控，按建议额度批准。")
          .contains("1 / " + document.getNumberOfPages());
      for (String version : results.path("LIMIT").path("policyVersion").asText().split(", ")) {
        assertThat(text).contains(version);
      }
      assertThat(document.getNumberOfPages()).isBetween(2, 12);
      // the Chinese font travels with the document, as a subset
      List<PDFont> fonts = new ArrayList<>();
      for (var name : document.getPage(0).getResources().getFontNames()) {
        fonts.add(document.getPage(0).getResources().getFont(name));
      }
      assertThat(fonts).anySatisfy(f -> {
        assertThat(f.isEmbedded()).isTrue();
        assertThat(f.getName()).matches("[A-Z]{6}\\+.*");
      });
    }
    assertThat(pdf.body().length).isLessThan(1_000_000);
  }

  @Test
  void shouldRefuseTheMemoToRolesThatDoNotReadCases() throws Exception {
    Case c = voted();
    for (String user : List.of("intake", "admin")) {
      assertThat(api.send(user, "GET", "/applications/" + c.applicationId() + "/memo", null).status()).as(user)
          .isEqualTo(403);
      assertThat(bytes(user, "/applications/" + c.applicationId() + "/memo.pdf").statusCode()).as(user)
          .isEqualTo(403);
    }
    assertThat(api.send(null, "GET", "/applications/" + c.applicationId() + "/memo", null).status())
        .isIn(302, 401);
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownApplication() throws Exception {
    assertThat(api.send("ho1", "GET", "/applications/no-such-application/memo", null).status()).isEqualTo(404);
    assertThat(bytes("ho1", "/applications/no-such-application/memo.pdf").statusCode()).isEqualTo(404);
    assertThat(api.send("ho1", "GET", "/applications/no-such-application/memo?format=pdf", null).status())
        .isEqualTo(404);
  }

  @Test
  void shouldSayWhatTheCaseHasNotRecordedYet() throws Exception {
    // given: a case waiting for its proposal (no votes yet)
    Case c = submitted();
    openTask(c, PREPARE);

    // when
    Response page = api.send("auditor", "GET", "/applications/" + c.applicationId() + "/memo", null);
    HttpResponse<byte[]> pdf = bytes("auditor", "/applications/" + c.applicationId() + "/memo.pdf");

    // then
    assertThat(page.status()).isEqualTo(200);
    String authority = page.body().substring(page.body().indexOf("id=\"memo-authority\""),
        page.body().indexOf("id=\"memo-votes\""));
    assertThat(authority).contains("尚未记录");
    assertThat(page.body().substring(page.body().indexOf("id=\"memo-votes\""))).contains("尚无审批意见");
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      assertThat(new PDFTextStripper().getText(document)).contains("十、审批权限").contains("尚未记录");
    }
  }

  @Test
  void shouldShowTheMemoInEnglishOnRequest() throws Exception {
    Case c = voted();
    String page = api.send("auditor", "GET", "/applications/" + c.applicationId() + "/memo?lang=en", null).body();
    assertThat(page).contains("Credit memo").contains("5. Compute scorecard").contains("Head-office credit committee")
        .doesNotContain("??");
    HttpResponse<byte[]> pdf = bytes("auditor", "/applications/" + c.applicationId() + "/memo.pdf?lang=en");
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      assertThat(new PDFTextStripper().getText(document)).contains("Credit memo").contains("青海绿算数据科技有限公司");
    }
  }

  private static List<String> matches(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.groupCount() > 0 ? m.group(1) : m.group());
    }
    return found;
  }
}
