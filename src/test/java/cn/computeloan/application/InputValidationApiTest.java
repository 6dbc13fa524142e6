package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import cn.computeloan.credit.InputLimits;
import cn.computeloan.credit.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every length and size the database limits is validated before anything is stored: a value that
 * would not fit is a 400 problem+json naming its field, never a 500 from the database.
 */
class InputValidationApiTest extends ApplicationIntegrationTest {

  @Test
  void shouldRefuseAnApplicantNameOf300CharactersNamingItAndStoreNothing() {
    // given
    long before = countApplications();
    String body = sample(TestData.AIGC, n -> ((ObjectNode) n.get("applicant")).put("name", "a".repeat(300)));
    // when
    Response r = submit(body, "Idempotency-Key", "long-name-" + UUID.randomUUID());
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(errors(r)).containsExactly("applicant.name:TOO_LONG");
    assertThat(countApplications()).isEqualTo(before);
  }

  @Test
  void shouldStoreAnApplicantNameAsLongAsItsColumn() {
    // given
    String name = "算".repeat(InputLimits.NAME);
    // when
    Response r = submit(sample(TestData.AIGC, n -> ((ObjectNode) n.get("applicant")).put("name", name)));
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().path("applicationId").asText();
    assertThat(jdbc.sql("SELECT applicant_name FROM loan_application WHERE id = ?").param(id).query(String.class)
        .single()).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      "/requestedAmount | 100000000000000000000 | requestedAmount:OUT_OF_RANGE",
      "/requestedAmount | 1000000.005 | requestedAmount:TOO_PRECISE",
      "/requestedAmount | 1e999999999 | requestedAmount:OUT_OF_RANGE",
      "/statements/0/balanceSheet/cash | TEXT:1e999999999 | statements[0].balanceSheet.cash:OUT_OF_RANGE",
      "/statements/0/balanceSheet/cash | TEXT:1e-999999999 | statements[0].balanceSheet.cash:TOO_PRECISE",
      "/computeProfile/pue | 1.00000000001 | computeProfile.pue:TOO_PRECISE",
      "/computeProfile/pue | 'NaN' | computeProfile.pue:INVALID_TYPE",
      "/orderContract/buyer | TOO_LONG_NAME | orderContract.buyer:TOO_LONG",
      "/applicationId | TOO_LONG_REFERENCE | applicationId:TOO_LONG",
      "/applicant/name | NUL | applicant.name:INVALID_CHARACTERS",
  })
  void shouldNameTheFieldWhoseValueTheDatabaseOrTheArithmeticCouldNotTake(String pointer, String value,
      String expected) {
    // given
    long before = countApplications();
    String body = sample(TestData.AIGC, n -> {
      int slash = pointer.lastIndexOf('/');
      ObjectNode parent = (ObjectNode) n.at(pointer.substring(0, slash));
      String field = pointer.substring(slash + 1);
      switch (value) {
        case "TOO_LONG_NAME" -> parent.put(field, "b".repeat(InputLimits.NAME + 1));
        case "TOO_LONG_REFERENCE" -> parent.put(field, "r".repeat(InputLimits.REFERENCE + 1));
        case "NUL" -> parent.put(field, "言川" + (char) 0 + "智能");
        case "NaN" -> parent.put(field, "NaN");
        default -> {
          if (value.startsWith("TEXT:")) {
            parent.put(field, value.substring("TEXT:".length()));
          } else {
            parent.set(field, n.numberNode(new java.math.BigDecimal(value)));
          }
        }
      }
    });
    // when
    Response r = submit(body);
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(errors(r)).contains(expected);
    assertThat(countApplications()).isEqualTo(before);
  }

  @Test
  void shouldBoundTheErrorsListedForABodyOfThousandsOfBadFields() {
    // given
    ObjectNode body = TestData.json(TestData.AIGC);
    for (int i = 0; i < 1000; i++) {
      body.put("unknown" + i, i);
    }
    // when
    Response r = submit(body.toString());
    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("errors")).hasSize(100);
    assertThat(r.json().path("errorsOmitted").asInt()).isEqualTo(900);
  }

  @Test
  void shouldRefuseAnIdempotencyKeyLongerThanItsColumn() {
    // when
    Response r = submit(aigc(), "Idempotency-Key", "k".repeat(InputLimits.IDEMPOTENCY_KEY + 1));
    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(errors(r)).containsExactly("Idempotency-Key:INVALID_VALUE");
  }

  @Test
  void shouldRefuseATokenWhoseUserNameCannotBeRecorded() {
    // given
    String longName = "u".repeat(InputLimits.USERNAME + 1);
    long before = countApplications();
    // when
    Response r = api.sendWithAuthorization("Bearer " + IdentityProvider.token(longName, "INTAKE_OFFICER"), "POST",
        "/api/applications", aigc());
    Response fits = api.sendWithAuthorization("Bearer " + IdentityProvider.token("u".repeat(InputLimits.USERNAME),
        "CREDIT_ANALYST"), "GET", "/api/applications", null);
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(401);
    assertThat(countApplications()).isEqualTo(before);
    assertThat(fits.status()).isEqualTo(200);
  }

  @Test
  void shouldStoreAndAnswerAnAmountWithEveryDigitSent() {
    // given: more significant digits than a double holds
    String body = aigc().replaceFirst("\"requestedAmount\"\\s*:\\s*[0-9.]+", "\"requestedAmount\":12345678901234567.89");
    assertThat(body).contains("12345678901234567.89");
    // when
    Response r = submit(body);
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String id = r.json().path("applicationId").asText();
    assertThat(jdbc.sql("SELECT requested_amount FROM loan_application WHERE id = ?").param(id)
        .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("12345678901234567.89");
    assertThat(api.send(ANALYST, "GET", "/api/applications/" + id, null).body())
        .contains("\"requestedAmount\":12345678901234567.89");
  }

  @Test
  void shouldRefuseANumberWhoseExponentOverflowsAsUnreadable() {
    // given
    String body = aigc().replaceFirst("\"requestedAmount\"\\s*:\\s*[0-9.]+", "\"requestedAmount\":1e9999999999");
    long before = countApplications();
    // when
    Response r = submit(body);
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(errors(r)).containsExactly(":UNREADABLE");
    assertThat(countApplications()).isEqualTo(before);
  }

  @Test
  void shouldRefuseABodyWithSomethingAfterTheApplication() {
    // when
    Response r = submit(aigc() + " {\"termMonths\": 1}");
    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(errors(r)).containsExactly(":UNREADABLE");
  }

  private static List<String> errors(Response r) {
    List<String> list = new ArrayList<>();
    for (JsonNode e : r.json().path("errors")) {
      list.add(e.path("field").asText() + ":" + e.path("code").asText());
    }
    return list;
  }
}
