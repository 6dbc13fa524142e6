package cn.computeloan.workspace.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient;
import cn.computeloan.credit.TestData;
import cn.computeloan.workspace.WorkspaceTestBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Intake in the browser's terms (a signed-in session with its CSRF token): the form and the JSON
 * file go through the API's validation and submission; refused input comes back with each problem
 * at its field, values kept, nothing stored; documents are checked by the API's rules; other roles
 * are refused.
 */
class IntakeTest extends WorkspaceTestBase {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private HttpClient session;
  @org.springframework.beans.factory.annotation.Autowired private org.springframework.context.MessageSource messages;

  @BeforeEach
  void signInAsIntake() throws Exception {
    session = signedIn("intake");
  }

  private HttpClient signedIn(String user) throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String csrf = csrf(get(client, "/login").body());
    HttpResponse<String> login = post(client, "/login", "application/x-www-form-urlencoded",
        ("username=" + user + "&password=" + ApiClient.DEV_PASSWORD + "&_csrf=" + csrf).getBytes(StandardCharsets.UTF_8));
    assertThat(login.statusCode()).isEqualTo(302);
    return client;
  }

  private HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(api.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(HttpClient client, String path, String contentType, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(api.uri(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("CSRF token in the page").isTrue();
    return m.group(1);
  }

  /** The new-application page's form fields for an application of the API's shape. */
  private static Map<String, String> formOf(ObjectNode application) {
    return new LinkedHashMap<>(IntakeFields.fromJson(application));
  }

  private HttpResponse<String> submitForm(Map<String, String> values) throws Exception {
    String page = get(session, "/applications/new").body();
    Map<String, String> all = new LinkedHashMap<>(values);
    all.put("_csrf", csrf(page));
    all.put("idempotencyKey", UUID.randomUUID().toString());
    String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return post(session, "/applications/new", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
  }

  /** A multipart body: the CSRF token, then {@code fields}, then one file part. */
  private HttpResponse<String> multipart(HttpClient client, String path, Map<String, String> fields, String fileName,
      String contentType, byte[] content) throws Exception {
    String boundary = "----intake" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", csrf(get(client, "/tasks").body()));
    for (Map.Entry<String, String> e : all.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
          + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
        + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return post(client, path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private long applications() {
    return jdbc.sql("SELECT COUNT(*) FROM loan_application").query(Long.class).single();
  }

  private long documents(String applicationId) {
    return jdbc.sql("SELECT COUNT(*) FROM application_document WHERE application_id = ?").param(applicationId)
        .query(Long.class).single();
  }

  private static String createdId(HttpResponse<String> r) {
    String location = r.headers().firstValue("Location").orElse("");
    Matcher m = Pattern.compile("/applications/new/([A-Za-z0-9-]+)/documents\\?submitted$").matcher(location);
    assertThat(m.find()).as("redirect to the documents page: " + location + " " + r.body()).isTrue();
    return m.group(1);
  }

  @Test
  void shouldSubmitAGoodApplicationFromTheFormAsTheApiStoresIt() throws Exception {
    // given
    ObjectNode sample = TestData.json(TestData.DATA_CENTRE);

    // when
    HttpResponse<String> r = submitForm(formOf(sample));

    // then: stored, its process started, submitted by the intake officer; on to its documents
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    String id = createdId(r);
    JsonNode stored = api.send("auditor", "GET", "/api/applications/" + id, null).json();
    assertThat(stored.path("processInstanceKey").asText()).isNotEmpty();
    assertThat(stored.path("submittedBy").asText()).isEqualTo("intake");
    // exactly what the API stores for the same application (the form has no caller reference)
    ApiClient.Response viaApi = api.send("intake", "POST", "/api/applications", sample.toString());
    assertThat(viaApi.status()).isEqualTo(201);
    JsonNode expected = api.send("auditor", "GET", "/api/applications/" + viaApi.json().path("applicationId").asText(),
        null).json().path("application");
    ((ObjectNode) expected).putNull("applicationId");
    assertThat(stored.path("application")).isEqualTo(expected);
    HttpResponse<String> documentsPage = get(session, "/applications/new/" + id + "/documents?submitted");
    assertThat(documentsPage.statusCode()).isEqualTo(200);
    assertThat(documentsPage.body()).contains("id=\"intake-submitted\"").contains("青海绿算数据科技有限公司");
  }

  @Test
  void shouldShowTheApisProblemsAtTheirFieldsKeepTheValuesAndStoreNothing() throws Exception {
    // given: a bad credit code, a word for a number, a term that is not a whole number
    Map<String, String> values = formOf(TestData.json(TestData.DATA_CENTRE));
    values.put("applicant.unifiedSocialCreditCode", "123");
    values.put("statements[1].balanceSheet.totalAssets", "很多");
    values.put("termMonths", "ninety");
    long before = applications();

    // when
    HttpResponse<String> r = submitForm(values);

    // then
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("id=\"intake-problems\"")
        .containsPattern("class=\"field-error\" data-field=\"applicant.unifiedSocialCreditCode\">[A-Z_]+: ")
        .containsPattern("class=\"field-error\" data-field=\"statements\\[1]\\.balanceSheet\\.totalAssets\">INVALID_TYPE: ")
        .containsPattern("class=\"field-error\" data-field=\"termMonths\">INVALID_TYPE: ")
        .contains("value=\"很多\"").contains("value=\"ninety\"").contains("value=\"青海绿算数据科技有限公司\"");
    assertThat(applications()).isEqualTo(before);
  }

  @Test
  void shouldPlaceProblemsOfALaterStatementYearAtItsColumnWhenAnEarlierOneIsEmpty() throws Exception {
    // given: the first year's column left empty, the third year's total assets wrong
    Map<String, String> values = formOf(TestData.json(TestData.DATA_CENTRE));
    values.keySet().removeIf(k -> k.startsWith("statements[0]."));
    values.put("statements[2].balanceSheet.totalAssets", "1");
    long before = applications();

    // when
    HttpResponse<String> r = submitForm(values);

    // then: the API saw two years ([0], [1]); the problem is shown in the form's third column
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("data-field=\"statements[2].balanceSheet.totalAssets\"")
        .doesNotContain("data-field=\"statements[1].balanceSheet.totalAssets\"");
    assertThat(applications()).isEqualTo(before);
  }

  @Test
  void shouldOfferEveryInputWithALabelInChineseAndEnglish() throws Exception {
    for (String lang : new String[] {"zh", "en"}) {
      String page = get(session, "/applications/new?lang=" + lang).body();
      assertThat(page).as(lang).doesNotContain("??").contains(lang.equals("en") ? "New application" : "新建授信申请");
      java.util.Locale locale = java.util.Locale.forLanguageTag(lang);
      for (IntakeFields.Field f : IntakeFields.all()) {
        assertThat(page).as(f.path()).contains("name=\"" + f.path() + "\"");
        if (!f.labelPath().equals("statements.fiscalYear")) {
          assertThat(messages.getMessage("intake.field." + f.labelPath(), null, null, locale)).as(f.labelPath())
              .isNotBlank();
        }
      }
    }
  }

  @Test
  void shouldSubmitAJsonFileOfTheApisShape() throws Exception {
    byte[] json = TestData.json(TestData.DATA_CENTRE).toString().getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r = multipart(session, "/applications/new/json",
        Map.of("idempotencyKey", UUID.randomUUID().toString()), "application.json", "application/json", json);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(302);
    assertThat(api.send("auditor", "GET", "/api/applications/" + createdId(r), null).status()).isEqualTo(200);
  }

  @Test
  void shouldRefuseAnUnreadableOrOversizedOrInvalidJsonFileAndStoreNothing() throws Exception {
    long before = applications();
    HttpResponse<String> unreadable = multipart(session, "/applications/new/json", Map.of(), "a.json",
        "application/json", "{not json".getBytes(StandardCharsets.UTF_8));
    assertThat(unreadable.statusCode()).isEqualTo(400);
    assertThat(unreadable.body()).contains("UNREADABLE");
    HttpResponse<String> large = multipart(session, "/applications/new/json", Map.of(), "a.json", "application/json",
        ("{\"x\":\"" + "a".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(large.statusCode()).isEqualTo(400);
    assertThat(large.body()).contains("TOO_LARGE");
    ObjectNode invalid = TestData.json(TestData.DATA_CENTRE);
    ((ObjectNode) invalid.path("applicant")).put("name", "");
    HttpResponse<String> refused = multipart(session, "/applications/new/json", Map.of(), "a.json",
        "application/json", invalid.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("data-field=\"applicant.name\"")
        .contains("value=\"91630100MA7510RN8X\""); // the file's values fill the form
    assertThat(applications()).isEqualTo(before);
  }

  @Test
  void shouldUploadADocumentForTheNewApplicationWithTheApisRules() throws Exception {
    // given
    String id = createdId(submitForm(formOf(TestData.json(TestData.DATA_CENTRE))));
    String path = "/applications/new/" + id + "/documents";

    // when: a balance sheet as PDF
    HttpResponse<String> ok = multipart(session, path, Map.of("kind", "BALANCE_SHEET"), "资产负债表2024.pdf",
        "application/pdf", "%PDF-1.4 test".getBytes(StandardCharsets.UTF_8));

    // then
    assertThat(ok.statusCode()).isEqualTo(302);
    assertThat(ok.headers().firstValue("Location").orElse("")).endsWith(path + "?uploaded");
    assertThat(documents(id)).isEqualTo(1);
    assertThat(get(session, path + "?uploaded").body()).contains("资产负债表2024.pdf").contains("id=\"intake-uploaded\"");

    // and refused: an archive, an unknown kind; nothing more stored
    HttpResponse<String> zip = multipart(session, path, Map.of("kind", "OTHER"), "a.zip", "application/zip",
        new byte[] {1, 2});
    assertThat(zip.statusCode()).isEqualTo(415);
    assertThat(zip.body()).contains("UNSUPPORTED_CONTENT_TYPE");
    HttpResponse<String> kind = multipart(session, path, Map.of("kind", "SELFIE"), "a.pdf", "application/pdf",
        new byte[] {1, 2});
    assertThat(kind.statusCode()).isEqualTo(400);
    assertThat(kind.body()).contains("data-field=\"kind\"");
    assertThat(documents(id)).isEqualTo(1);
    assertThat(get(session, "/applications/new/no-such-application/documents").statusCode()).isEqualTo(404);
  }

  @Test
  void shouldTakeDocumentsUpToTheApisLimitAndRefuseLargerOnes() throws Exception {
    // given
    String id = createdId(submitForm(formOf(TestData.json(TestData.DATA_CENTRE))));
    String path = "/applications/new/" + id + "/documents";

    // when: 3 MB (over the limit of ordinary bodies, within the documents' 20 MB), then 22 MB
    HttpResponse<String> scan = multipart(session, path, Map.of("kind", "AUDIT_REPORT"), "audit.pdf",
        "application/pdf", new byte[3 * 1024 * 1024]);
    HttpResponse<String> tooLarge = multipart(session, path, Map.of("kind", "AUDIT_REPORT"), "audit.pdf",
        "application/pdf", new byte[22 * 1024 * 1024]);

    // then
    assertThat(scan.statusCode()).isEqualTo(302);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(documents(id)).isEqualTo(1);
  }

  @Test
  void shouldRefuseIntakeToOtherRolesAndRequestsWithoutTheCsrfToken() throws Exception {
    long before = applications();
    HttpClient analyst = signedIn("analyst");
    assertThat(get(analyst, "/applications/new").statusCode()).isEqualTo(403);
    assertThat(multipart(signedIn("auditor"), "/applications/new/json", Map.of(), "a.json", "application/json",
        TestData.json(TestData.DATA_CENTRE).toString().getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
    assertThat(api.send("analyst", "GET", "/applications/new", null).status()).isEqualTo(403);
    // the intake officer's own session, without the token
    HttpResponse<String> noToken = post(session, "/applications/new", "application/x-www-form-urlencoded",
        "applicant.name=x".getBytes(StandardCharsets.UTF_8));
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(applications()).isEqualTo(before);
  }
}
