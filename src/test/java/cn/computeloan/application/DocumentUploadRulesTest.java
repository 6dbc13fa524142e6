package cn.computeloan.application;

import static org.assertj.core.api.Assertions.assertThat;

import cn.computeloan.application.ApiClient.Response;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Uploaded documents: a content type from the allowlist (compute-loan.documents.allowed-content-types),
 * a plain file name that fits its column; anything else is refused naming the field, and nothing is
 * stored or audited.
 */
class DocumentUploadRulesTest extends ApplicationIntegrationTest {

  @ParameterizedTest
  @ValueSource(strings = {"text/html", "application/octet-stream", "application/zip", "image/svg+xml",
      "application/x-msdownload", "not a type"})
  void shouldRefuseAContentTypeOutsideTheAllowlistNamingItAndStoreNothing(String contentType) {
    // given
    String id = submitted();
    long documents = countDocuments();
    long events = countEvents(id);
    // when
    Response r = upload(id, "BALANCE_SHEET", "statement.pdf", contentType, "%PDF-1.7".getBytes(StandardCharsets.UTF_8));
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(415);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().path("errors").findValuesAsText("field")).containsExactly("file.contentType");
    assertThat(r.json().path("errors").findValuesAsText("code")).containsExactly("UNSUPPORTED_CONTENT_TYPE");
    assertThat(countDocuments()).isEqualTo(documents);
    assertThat(countEvents(id)).isEqualTo(events);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/pdf", "image/png", "image/jpeg", "image/tiff", "text/csv", "application/ofd",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/msword", "text/plain"})
  void shouldStoreEveryContentTypeOfTheDefaultAllowlist(String contentType) {
    // given
    String id = submitted();
    // when
    Response r = upload(id, "OTHER", "document", contentType, new byte[] {1, 2, 3});
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("contentType").asText()).isEqualTo(contentType);
  }

  @Test
  void shouldStoreOnlyTheTypeAndCharsetOfAContentTypeWithLongParameters() {
    // given: parameters that would not fit the content_type column
    String id = submitted();
    String declared = "Text/Plain; charset=utf-8; note=" + "x".repeat(200);
    // when
    Response r = upload(id, "OTHER", "notes.txt", declared, "备注".getBytes(StandardCharsets.UTF_8));
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(jdbc.sql("SELECT content_type FROM application_document WHERE id = ?")
        .param(r.json().path("documentId").asText()).query(String.class).single()).isEqualTo("text/plain;charset=UTF-8");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../etc/passwd", "C:\\Users\\wang\\bs.pdf", "scans/bs.pdf", "..", "TOO_LONG",
      "CONTROL", "RIGHT_TO_LEFT"})
  void shouldRefuseAFileNameThatIsAPathTooLongOrHasControlCharacters(String fileName) {
    // given
    String name = switch (fileName) {
      case "TOO_LONG" -> "a".repeat(252) + ".pdf";
      case "CONTROL" -> "bs" + (char) 1 + ".pdf";
      case "RIGHT_TO_LEFT" -> "invoice" + (char) 0x202E + "fdp.exe";
      default -> fileName;
    };
    String id = submitted();
    long documents = countDocuments();
    long events = countEvents(id);
    // when
    Response r = upload(id, "BALANCE_SHEET", name, "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8));
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    assertThat(r.json().path("errors").findValuesAsText("field")).containsExactly("file.filename");
    assertThat(countDocuments()).isEqualTo(documents);
    assertThat(countEvents(id)).isEqualTo(events);
  }

  @Test
  void shouldStoreAFileNameAsLongAsItsColumn() {
    // given: ASCII, as Tomcat limits a part's headers to 512 bytes (Chinese names: about 150 characters)
    String id = submitted();
    String name = "b".repeat(251) + ".pdf";
    // when
    Response r = upload(id, "BALANCE_SHEET", name, "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8));
    // then
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("fileName").asText()).isEqualTo(name);
  }

  @Test
  void shouldListEveryBadFieldOfAnUpload() {
    // given
    String id = submitted();
    // when
    Response r = upload(id, "SELFIE", "a/b.pdf", "application/pdf", new byte[0]);
    // then
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("kind", "file",
        "file.filename");
  }

  private Response upload(String id, String kind, String fileName, String contentType, byte[] content) {
    String boundary = "----cl" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName.replace("\\",
        "\\\\") + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return api.execute(HttpRequest.newBuilder(api.uri("/api/applications/" + id + "/documents"))
        .header("Authorization", ApiClient.basic(ANALYST, ApiClient.DEV_PASSWORD))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  private long countDocuments() {
    return jdbc.sql("SELECT COUNT(*) FROM application_document").query(Long.class).single();
  }

  private long countEvents(String id) {
    return jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE application_id = ?").param(id).query(Long.class).single();
  }
}
