package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.computeloan.application.ApiClient.Response;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Request size limits (issue 13, item C; review finding 4): a body over its limit gets 413
 * application/problem+json, never a 500, and changes nothing, whether it declares its length or
 * comes chunked.
 */
class RequestSizeLimitTest extends ApplicationIntegrationTest {

  private static final int MIB = 1024 * 1024;

  /** A JSON object of about {@code bytes} bytes: one long string field. */
  private static String jsonOf(int bytes) {
    return "{\"padding\":\"" + "x".repeat(bytes) + "\"}";
  }

  /** Sends without a Content-Length (Transfer-Encoding: chunked). */
  private static BodyPublisher chunked(byte[] body) {
    return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
  }

  private Response post(String user, String path, String contentType, BodyPublisher body) {
    return api.execute(HttpRequest.newBuilder(api.uri(path))
        .header("Authorization", ApiClient.basic(user, user.equals(ENGINE)
            ? System.getenv().getOrDefault("CAMUNDA_BASIC_AUTH_PASSWORD", "") : ApiClient.DEV_PASSWORD))
        .header("Content-Type", contentType)
        .POST(body).build());
  }

  /** A multipart body with one file part of {@code size} bytes and the given form fields. */
  private static Multipart multipart(String fileField, String fileName, int size, String... fields) {
    String boundary = "----cl" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (int i = 0; i + 1 < fields.length; i += 2) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
          + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    byte[] content = new byte[size];
    Arrays.fill(content, (byte) 'x');
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private record Multipart(String contentType, byte[] body) {}

  private static void assertTooLarge(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(413);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().path("status").asInt()).isEqualTo(413);
    assertThat(r.json().path("detail").asText()).contains("limit");
  }

  @Test
  void shouldRefuseEightMebibyteApplicationAndStoreNothing() {
    // given: the review's finding 4
    long before = countApplications();
    byte[] body = jsonOf(8 * MIB).getBytes(StandardCharsets.UTF_8);
    // when
    Response declared = post(INTAKE, "/api/applications", "application/json", BodyPublishers.ofByteArray(body));
    Response streamed = post(INTAKE, "/api/applications", "application/json", chunked(body));
    // then
    assertTooLarge(declared);
    assertTooLarge(streamed);
    assertThat(countApplications()).isEqualTo(before);
  }

  @Test
  void shouldAcceptApplicationJustUnderTheLimitAsFarAsSizeGoes() {
    // when: under 1 MiB, chunked: the size is fine, the content is not an application
    Response r = post(INTAKE, "/api/applications", "application/json",
        chunked(jsonOf(MIB - 100).getBytes(StandardCharsets.UTF_8)));
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(400);
  }

  @Test
  void shouldRefuseOversizedUserTaskSearch() {
    // given
    byte[] body = ("{\"filter\":{\"name\":\"" + "x".repeat(MIB) + "\"}}").getBytes(StandardCharsets.UTF_8);
    // when
    Response declared = post(ANALYST, "/v2/user-tasks/search", "application/json", BodyPublishers.ofByteArray(body));
    Response streamed = post(ANALYST, "/v2/user-tasks/search", "application/json", chunked(body));
    // then
    assertTooLarge(declared);
    assertTooLarge(streamed);
  }

  @Test
  void shouldRefuseOversizedTaskCompletionBeforeTheActorGuardReadsIt() {
    // given: a task waiting for a branch approver, claimed by them
    String id = submitted();
    long instance = Long.parseLong(api.send(ANALYST, "GET", "/api/applications/" + id, null).json()
        .path("processInstanceKey").asText());
    long task = await().atMost(Duration.ofSeconds(10)).until(() -> camunda.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join().items(), l -> !l.isEmpty()).get(0).getUserTaskKey();
    String path = "/v2/user-tasks/" + task;
    assertThat(api.send(BRANCH, "POST", path + "/assignment", "{\"assignee\":\"branch\"}").status()).isEqualTo(204);
    byte[] body = ("{\"variables\":{\"comment\":\"" + "x".repeat(2 * MIB) + "\"}}").getBytes(StandardCharsets.UTF_8);
    // when: the body comes without a length, so only counting while reading can stop it
    Response r = post(BRANCH, path + "/completion", "application/json", chunked(body));
    // then: refused, and the task is still open
    assertTooLarge(r);
    assertThat(camunda.newUserTaskGetRequest(task).send().join().getCompletionDate()).isNull();
  }

  @Test
  void shouldRefuseOversizedDeployment() {
    // given: a resource of 11 MiB
    Multipart deployment = multipart("resources", "huge.bpmn", 11 * MIB);
    // when
    Response declared = post(ENGINE, "/v2/deployments", deployment.contentType(), BodyPublishers.ofByteArray(deployment.body()));
    Response streamed = post(ENGINE, "/v2/deployments", deployment.contentType(), chunked(deployment.body()));
    // then
    assertTooLarge(declared);
    assertTooLarge(streamed);
  }

  @Test
  void shouldRefuseOversizedDocumentUploadAndStoreNothing() {
    // given
    String id = submitted();
    Multipart wholeRequest = multipart("file", "statements.pdf", 22 * MIB, "kind", "BALANCE_SHEET");
    Multipart oneFile = multipart("file", "statements.pdf", 20 * MIB + 100, "kind", "BALANCE_SHEET");
    String path = "/api/applications/" + id + "/documents";
    // when
    Response declared = post(ANALYST, path, wholeRequest.contentType(), BodyPublishers.ofByteArray(wholeRequest.body()));
    Response streamed = post(ANALYST, path, wholeRequest.contentType(), chunked(wholeRequest.body()));
    Response fileTooLarge = post(ANALYST, path, oneFile.contentType(), BodyPublishers.ofByteArray(oneFile.body()));
    // then
    assertTooLarge(declared);
    assertTooLarge(streamed);
    assertTooLarge(fileTooLarge);
    assertThat(api.send(ANALYST, "GET", path, null).json()).isEmpty();
  }
}
