package cn.computeloan.application;

import cn.computeloan.application.ApiClient.Response;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body with one file part, sent with basic auth (no session, so no CSRF token). */
public record Multipart(String contentType, byte[] body) {

  public static Multipart file(String field, String fileName, byte[] content) {
    String boundary = "----cl" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  /** POSTs this body to {@code path} as {@code user} (with the tests' development password). */
  public Response post(ApiClient api, String user, String path) {
    return api.execute(HttpRequest.newBuilder(api.uri(path))
        .header("Authorization", ApiClient.basic(user, ApiClient.DEV_PASSWORD))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }
}
