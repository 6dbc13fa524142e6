package cn.computeloan.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A small HTTP client for the API tests: one call, one user. */
public final class ApiClient {

  /** The development password the test contexts configure for every configured user. */
  public static final String DEV_PASSWORD = "test-dev-password";

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper mapper = new ObjectMapper();
  private final int port;

  public ApiClient(int port) {
    this.port = port;
  }

  /** A response with its body read as JSON (null if empty or not JSON). */
  public record Response(int status, Map<String, java.util.List<String>> headers, String body, JsonNode json) {
    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
          .map(e -> e.getValue().get(0)).orElse(null);
    }
  }

  /** Sends as a configured user (null: anonymously), with optional header name/value pairs. */
  public Response send(String user, String method, String path, String json, String... headers) {
    return sendWithAuthorization(user == null ? null : basic(user, user.equals("compute-loan-engine")
        ? System.getenv().getOrDefault("CAMUNDA_BASIC_AUTH_PASSWORD", "") : DEV_PASSWORD), method, path, json, headers);
  }

  public static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends with the given Authorization header value (null: none). */
  public Response sendWithAuthorization(String authorization, String method, String path, String json,
      String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return execute(b.build());
  }

  public Response execute(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode node = null;
      try {
        node = r.body().isEmpty() ? null : mapper.readTree(r.body());
      } catch (IOException notJson) {
        node = null;
      }
      return new Response(r.statusCode(), r.headers().map(), r.body(), node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Uploads {@code content} as the application's balance sheet ({@code bs-2024.txt}, text/plain) as {@code user}. */
  public Response uploadBalanceSheet(String user, String applicationId, byte[] content) {
    String boundary = "----cl" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nBALANCE_SHEET\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bs-2024.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return execute(HttpRequest.newBuilder(uri("/api/applications/" + applicationId + "/documents"))
        .header("Authorization", basic(user, DEV_PASSWORD))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
  }

  public URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
